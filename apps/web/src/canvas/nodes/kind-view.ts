import type { WorkflowNode } from '@backflow/engine';
import type { NodeProps, NodeTypes } from '@xyflow/react';
import { useStudio } from '../../store/react';
import { inputNamesKey } from '../../store/selectors';
import type { FlowNode } from '../flow-model';

/** What the canvas shows of one node kind (each kind's file in canvas/nodes/ exports one). */
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

/** A kind's canvas component's props: React Flow's, with its own kind's node as `data`. */
export type KindViewProps<T> = NodeProps<FlowNode> & { data: T };

/** The preview's text: the first line, cut short (a multi-megabyte one-line prompt would take seconds to lay out). */
export function firstLine(text: string): string {
  const head = text.slice(0, 2000).trim();
  return (head.split('\n')[0] ?? '').slice(0, 300);
}

/** The node's named inputs (bound or used), for its input handles. */
export function useInputNames(node: WorkflowNode): string[] {
  const key = useStudio((s) => inputNamesKey(s, node));
  return key === '' ? [] : key.split(',');
}
