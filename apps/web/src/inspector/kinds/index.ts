/**
 * The inspector's fields per node kind, registered by kind: the form shows the common fields
 * (label, problems, latest run) and looks the rest up here instead of switching on `kind`. A kind
 * missing here fails the typecheck (and `kind-views.test.ts`). These sit apart from the canvas
 * views (`canvas/nodes/`) because the inspector is a lazy chunk (CodeMirror).
 */
import type { NodeKind, NodeOfKind, WorkflowNode } from '@backflow/engine';
import type { ComponentType } from 'react';
import { CodeFields } from './code';
import { InputFields } from './input';
import { LlmFields } from './llm';
import { OutputFields } from './output';
import type { KindFieldsProps } from './types';

export const INSPECTOR_FIELDS: { [K in NodeKind]: ComponentType<KindFieldsProps<NodeOfKind<K>>> } = {
  input: InputFields,
  llm: LlmFields,
  code: CodeFields,
  output: OutputFields,
};

/** The fields component of `node`'s kind, typed for any node. */
export function inspectorFieldsOf(node: WorkflowNode): ComponentType<KindFieldsProps<WorkflowNode>> {
  return INSPECTOR_FIELDS[node.kind] as ComponentType<KindFieldsProps<WorkflowNode>>;
}
