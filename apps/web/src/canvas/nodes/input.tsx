import type { InputNode } from '@backflow/engine';
import { Handle, Position } from '@xyflow/react';
import { memo } from 'react';
import type { KindView, KindViewProps } from './kind-view';
import { NodeFrame } from './NodeFrame';

/** An input node on the canvas: one output handle per example field. */
export const InputNodeView = memo(function InputNodeView({ data, selected }: KindViewProps<InputNode>) {
  return (
    <NodeFrame node={data} kindView={inputView} selected={!!selected}>
      <div className="flex flex-col gap-1">
        {data.fields.map((field) => (
          <div
            key={field}
            className="relative flex h-4 items-center justify-end pr-1 font-mono text-[10.5px] text-slate-600 dark:text-slate-300"
          >
            {field}
            <Handle
              type="source"
              id={`out:${field}`}
              position={Position.Right}
              className="!-right-[16px] !h-3 !w-3 !border-2 !border-white !bg-emerald-500 dark:!border-slate-900"
            />
          </div>
        ))}
      </div>
    </NodeFrame>
  );
});

export const inputView: KindView = {
  name: 'Input',
  colour: 'bg-emerald-500',
  minimap: '#10b981',
  component: InputNodeView,
};
