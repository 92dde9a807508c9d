import type { NodeKind, WorkflowNode } from '../graph/schema';
import { codeNodeKind } from './code';
import type { NodeKindDefinition, NodeOfKind } from './definition';
import { inputNodeKind } from './input';
import { llmNodeKind } from './llm';
import { outputNodeKind } from './output';

/**
 * Every node kind, by its `kind` tag. Adding one is its file in nodes/, one line here, its schema
 * in graph/schema.ts's union, and its view in the studio's kind-views.tsx. The key order is the
 * order the studio's palette lists them in.
 */
export const nodeKindRegistry: { [K in NodeKind]: NodeKindDefinition<NodeOfKind<K>> } = {
  input: inputNodeKind,
  llm: llmNodeKind,
  code: codeNodeKind,
  output: outputNodeKind,
};

/** Every node kind, in registry order. */
export const NODE_KINDS = Object.keys(nodeKindRegistry) as NodeKind[];

/** The definition of `node`'s kind, typed for that node. */
export function nodeKindOf<N extends WorkflowNode>(node: N): NodeKindDefinition<N> {
  return nodeKindRegistry[node.kind] as unknown as NodeKindDefinition<N>;
}

/** The definition registered for `kind`. */
export function nodeKind<K extends NodeKind>(kind: K): NodeKindDefinition<NodeOfKind<K>> {
  return nodeKindRegistry[kind];
}

/** True for a step (llm and code nodes): the nodes backward messages reach. */
export function isStepKind(kind: NodeKind | undefined): boolean {
  return kind !== undefined && nodeKindRegistry[kind].step;
}
