import { Handle, Position } from '@xyflow/react';
import { NEW_INPUT_HANDLE } from '../../store/connect';

const HANDLE = '!h-3 !w-3 !border-2 !border-white dark:!border-slate-900';

/** One target handle per named input, plus one for a new input, stacked on the left edge. */
export function InputHandles({ names, allowNew }: { names: string[]; allowNew: boolean }) {
  return (
    <div className="mt-1 flex flex-col gap-1">
      {names.map((name) => (
        <div
          key={name}
          className="relative flex h-4 items-center pl-1 font-mono text-[10.5px] text-slate-500"
        >
          <Handle
            type="target"
            id={`in:${name}`}
            position={Position.Left}
            className={`${HANDLE} !-left-[16px] !bg-slate-500`}
          />
          {`{{${name}}}`}
        </div>
      ))}
      {allowNew && (
        <div className="relative flex h-4 items-center pl-1 text-[10.5px] italic text-slate-500">
          <Handle
            type="target"
            id={NEW_INPUT_HANDLE}
            position={Position.Left}
            className={`${HANDLE} !-left-[16px] !bg-sky-500`}
            data-testid="handle-new-input"
          />
          + input
        </div>
      )}
    </div>
  );
}

/** The single output handle of llm/code nodes. */
export function OutputHandle() {
  return (
    <Handle
      type="source"
      id="out"
      position={Position.Right}
      className={`${HANDLE} !bg-indigo-500`}
      data-testid="handle-out"
    />
  );
}
