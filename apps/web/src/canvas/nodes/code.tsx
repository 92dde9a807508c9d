import type { CodeNode } from '@backflow/engine';
import { memo } from 'react';
import { InputHandles, OutputHandle } from './handles';
import { firstLine, type KindView, type KindViewProps, useInputNames } from './kind-view';
import { NodeFrame } from './NodeFrame';

/** A code node on the canvas: the first line of its code. */
export const CodeNodeView = memo(function CodeNodeView({ data, selected }: KindViewProps<CodeNode>) {
  const names = useInputNames(data);
  return (
    <NodeFrame node={data} kindView={codeView} selected={!!selected}>
      <div className="truncate font-mono text-[10.5px] text-slate-600 dark:text-slate-300">
        {firstLine(data.code)}
      </div>
      <InputHandles names={names} allowNew />
      <OutputHandle />
    </NodeFrame>
  );
});

export const codeView: KindView = {
  name: 'Code',
  colour: 'bg-amber-500',
  minimap: '#f59e0b',
  component: CodeNodeView,
};
