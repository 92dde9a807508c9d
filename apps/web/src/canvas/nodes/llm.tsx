import type { LlmNode } from '@backflow/engine';
import { memo } from 'react';
import { modelLabel } from '../../settings/provider-settings';
import { useStudio } from '../../store/react';
import { InputHandles, OutputHandle } from './handles';
import { firstLine, type KindView, type KindViewProps, useInputNames } from './kind-view';
import { NodeFrame } from './NodeFrame';

const ModelBadge = memo(function ModelBadge({ model }: { model: string | undefined }) {
  const fallback = useStudio((s) => modelLabel(s.settings.forward));
  const simulated = !model && fallback.startsWith('Simulated');
  return (
    <span
      className={`truncate rounded px-1 py-px text-[10px] ${simulated ? 'bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-300' : 'bg-indigo-50 text-indigo-700 dark:bg-indigo-950 dark:text-indigo-300'}`}
      title={model ? `Model override: ${model}` : `Default model: ${fallback}`}
    >
      {model ?? fallback}
    </span>
  );
});

/** An llm node on the canvas: role, the prompt's first line, model, temperature, frozen. */
export const LlmNodeView = memo(function LlmNodeView({ data, selected }: KindViewProps<LlmNode>) {
  const names = useInputNames(data);
  return (
    <NodeFrame node={data} kindView={llmView} selected={!!selected}>
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

export const llmView: KindView = {
  name: 'LLM',
  colour: 'bg-indigo-500',
  minimap: '#6366f1',
  component: LlmNodeView,
};
