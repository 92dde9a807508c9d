/**
 * The studio's one place per node kind: its canvas component, the name and colour its frame,
 * the palette and the minimap show (`KIND_VIEWS`). The engine's `nodes/<kind>.ts` holds the rest
 * of the kind (schema, defaults, ports, forward step, validation, description); a new kind is its
 * engine file plus its entry here. Each component is memoised: `data` is the workflow node itself,
 * and React Flow hands a new object only when that node changed, so `memo` skips the rest.
 */
import {
  type CodeNode,
  type InputNode,
  type LlmNode,
  NODE_KINDS,
  type NodeKind,
  type OutputNode,
} from '@backflow/engine';
import { Handle, type NodeProps, type NodeTypes, Position } from '@xyflow/react';
import { memo } from 'react';
import { modelLabel } from '../../settings/provider-settings';
import { useStudio } from '../../store/react';
import { inputNamesKey } from '../../store/selectors';
import type { FlowNode, FlowNodeType } from '../flow-model';
import { InputHandles, OutputHandle } from './handles';
import { NodeFrame } from './NodeFrame';

type Props<T> = NodeProps<FlowNode> & { data: T };

/** The preview's text: the first line, cut short (a multi-megabyte one-line prompt would take seconds to lay out). */
function firstLine(text: string): string {
  const head = text.slice(0, 2000).trim();
  return (head.split('\n')[0] ?? '').slice(0, 300);
}

function useInputNames(node: LlmNode | CodeNode | OutputNode): string[] {
  const key = useStudio((s) => inputNamesKey(s, node));
  return key === '' ? [] : key.split(',');
}

export const InputNodeView = memo(function InputNodeView({ data, selected }: Props<InputNode>) {
  return (
    <NodeFrame node={data} kindView={KIND_VIEWS.input} selected={!!selected}>
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

const ModelBadge = memo(function ModelBadge({ model }: { model: string | undefined }) {
  const fallback = useStudio((s) => modelLabel(s.settings.forward));
  const simulated = !model && fallback.startsWith('Simulated');
  return (
    <span
      className={`truncate rounded px-1 py-px text-[10px] ${simulated ? 'bg-slate-100 text-slate-500 dark:bg-slate-800' : 'bg-indigo-50 text-indigo-700 dark:bg-indigo-950 dark:text-indigo-300'}`}
      title={model ? `Model override: ${model}` : `Default model: ${fallback}`}
    >
      {model ?? fallback}
    </span>
  );
});

export const LlmNodeView = memo(function LlmNodeView({ data, selected }: Props<LlmNode>) {
  const names = useInputNames(data);
  return (
    <NodeFrame node={data} kindView={KIND_VIEWS.llm} selected={!!selected}>
      {data.role && <div className="truncate text-[10.5px] italic text-slate-500">{data.role}</div>}
      <div
        className="truncate text-slate-700 dark:text-slate-300"
        data-testid="prompt-preview"
        title={data.systemPrompt.slice(0, 2000)}
      >
        {firstLine(data.systemPrompt) || <span className="text-slate-500">(empty system prompt)</span>}
      </div>
      <div className="mt-1 flex items-center gap-1">
        <ModelBadge model={data.model} />
        {data.temperature !== undefined && (
          <span className="text-[10px] text-slate-500">t={data.temperature}</span>
        )}
        {!data.trainable && <span className="text-[10px] text-slate-500">frozen</span>}
      </div>
      <InputHandles names={names} allowNew />
      <OutputHandle />
    </NodeFrame>
  );
});

export const CodeNodeView = memo(function CodeNodeView({ data, selected }: Props<CodeNode>) {
  const names = useInputNames(data);
  return (
    <NodeFrame node={data} kindView={KIND_VIEWS.code} selected={!!selected}>
      <div className="truncate font-mono text-[10.5px] text-slate-600 dark:text-slate-300">
        {firstLine(data.code)}
      </div>
      <InputHandles names={names} allowNew />
      <OutputHandle />
    </NodeFrame>
  );
});

export const OutputNodeView = memo(function OutputNodeView({ data, selected }: Props<OutputNode>) {
  const names = useInputNames(data);
  return (
    <NodeFrame node={data} kindView={KIND_VIEWS.output} selected={!!selected}>
      <div className="text-[10.5px] text-slate-500">
        scored against <span className="font-mono">{data.targetKey}</span>
      </div>
      <InputHandles names={names.length > 0 ? names : ['value']} allowNew={false} />
    </NodeFrame>
  );
});

/** What the canvas shows of one node kind. */
export interface KindView {
  /** The kind's name on its frame and in the palette. */
  name: string;
  /** Tailwind background class of its frame's stripe and its palette dot. */
  colour: string;
  /** Its colour on the minimap. */
  minimap: string;
  /** Its canvas component, given its own kind's node as `data` (React Flow picks it by type). */
  component: NodeTypes[string];
}

/** Every node kind's view, by kind. */
export const KIND_VIEWS: Record<NodeKind, KindView> = {
  input: { name: 'Input', colour: 'bg-emerald-500', minimap: '#10b981', component: InputNodeView },
  llm: { name: 'LLM', colour: 'bg-indigo-500', minimap: '#6366f1', component: LlmNodeView },
  code: { name: 'Code', colour: 'bg-amber-500', minimap: '#f59e0b', component: CodeNodeView },
  output: { name: 'Output', colour: 'bg-rose-500', minimap: '#f43f5e', component: OutputNodeView },
};

/** The node component per kind, for React Flow's `nodeTypes` (module-level so it never changes). */
export const nodeTypes = Object.fromEntries(
  NODE_KINDS.map((kind) => [`wf-${kind}` satisfies FlowNodeType, KIND_VIEWS[kind].component]),
);
