/**
 * The studio's canvas views, registered by node kind: each kind's file in canvas/nodes/ holds its
 * canvas component and the name and colour its frame, the palette and the minimap show. The
 * engine's `nodes/<kind>.ts` holds the rest of the kind (schema, defaults, ports, forward step,
 * validation, description), and `inspector/kinds/<kind>.tsx` its inspector fields. Each component
 * is memoised: `data` is the workflow node itself, and React Flow hands a new object only when
 * that node changed, so `memo` skips the rest.
 */
import { NODE_KINDS, type NodeKind } from '@backflow/engine';
import type { FlowNodeType } from '../flow-model';
import { codeView } from './code';
import { inputView } from './input';
import type { KindView } from './kind-view';
import { llmView } from './llm';
import { outputView } from './output';

export type { KindView } from './kind-view';

/** Every node kind's view, by kind. */
export const KIND_VIEWS: Record<NodeKind, KindView> = {
  input: inputView,
  llm: llmView,
  code: codeView,
  output: outputView,
};

/** The node component per kind, for React Flow's `nodeTypes` (module-level so it never changes). */
export const nodeTypes = Object.fromEntries(
  NODE_KINDS.map((kind) => [`wf-${kind}` satisfies FlowNodeType, KIND_VIEWS[kind].component]),
);
