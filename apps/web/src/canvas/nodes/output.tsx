import type { OutputNode } from '@backflow/engine';
import { memo } from 'react';
import { InputHandles } from './handles';
import { type KindView, type KindViewProps, useInputNames } from './kind-view';
import { NodeFrame } from './NodeFrame';

/** An output node on the canvas: what it is scored against, and its one input. */
export const OutputNodeView = memo(function OutputNodeView({ data, selected }: KindViewProps<OutputNode>) {
  const names = useInputNames(data);
  return (
    <NodeFrame node={data} kindView={outputView} selected={!!selected}>
      <div className="text-[10.5px] text-slate-500">
        scored against <span className="font-mono">{data.targetKey}</span>
      </div>
      <InputHandles names={names.length > 0 ? names : ['value']} allowNew={false} />
    </NodeFrame>
  );
});

export const outputView: KindView = {
  name: 'Output',
  colour: 'bg-rose-500',
  minimap: '#f43f5e',
  component: OutputNodeView,
};
