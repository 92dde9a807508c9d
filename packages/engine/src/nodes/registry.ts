import type { NodeKind, WorkflowNode } from '../graph/schema';
import type { NodeKindDefinition, NodeOfKind } from './definition';
import { NODE_DEFINITIONS as DEFINITIONS } from './kinds';

/** The kinds' schemas, in registry order, as graph/schema.ts's discriminated union takes them. */
export const NODE_SCHEMAS = DEFINITIONS.map((d) => d.schema) as unknown as SchemasOf<typeof DEFINITIONS>;

type SchemasOf<T extends readonly unknown[]> = {
  -readonly [I in keyof T]: T[I] extends { schema: infer S } ? S : never;
};

/** Every node kind's definition, by its `kind` tag. */
export const nodeKindRegistry = Object.fromEntries(DEFINITIONS.map((d) => [d.kind, d])) as {
  [K in NodeKind]: NodeKindDefinition<NodeOfKind<K>>;
};

/** Every node kind, in registry order. */
export const NODE_KINDS = DEFINITIONS.map((d) => d.kind) as NodeKind[];

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

/** The example fields `node` brings into the graph (an input node's; none for other kinds). */
export function exampleFieldsOf(node: WorkflowNode): readonly string[] {
  return nodeKindOf(node).exampleFields?.(node) ?? [];
}

/** Every example field the nodes read, once each, in document order. */
export function workflowExampleFields(nodes: readonly WorkflowNode[]): string[] {
  return [...new Set(nodes.flatMap(exampleFieldsOf))];
}

/** The expected value `node` is scored against, or undefined when it is not one of the answers. */
export function answerKeyOf(node: WorkflowNode | undefined): string | undefined {
  return node === undefined ? undefined : nodeKindOf(node).answerKey?.(node);
}

/** True for the workflow's answers (output nodes): the nodes the loss scores. */
export function isAnswerNode(node: WorkflowNode | undefined): boolean {
  return answerKeyOf(node) !== undefined;
}

/** "input node", "LLM node": how a sentence names `node`'s kind (its label, lower-cased but acronyms). */
export function kindNoun(node: WorkflowNode): string {
  return nodeKindOf(node).label.replace(/^[A-Z](?=[a-z])/, (c) => c.toLowerCase());
}

/** `node`'s tunable prompt (an llm node's system prompt), or undefined when its kind has none. */
export function promptOf(node: WorkflowNode | undefined): string | undefined {
  return node === undefined ? undefined : nodeKindOf(node).prompt?.read(node);
}

/** True when optimizers may rewrite `node`'s prompt (a trainable llm node). */
export function isTrainable(node: WorkflowNode | undefined): boolean {
  return node !== undefined && (nodeKindOf(node).prompt?.trainable(node) ?? false);
}

/** `node` with its prompt replaced; unchanged when its kind has no prompt. */
export function withPrompt<N extends WorkflowNode>(node: N, text: string): N {
  return nodeKindOf(node).prompt?.write(node, text) ?? node;
}

/** True when `node` calls a model once per example (an llm node). */
export function callsModel(node: WorkflowNode | undefined): boolean {
  return node !== undefined && nodeKindOf(node).callsModel !== undefined;
}

/** The model `node` names for itself, or undefined (the workflow's default, or no model call). */
export function modelOverrideOf(node: WorkflowNode): string | undefined {
  return nodeKindOf(node).callsModel?.override(node);
}

/** True for a kind whose value is the example's own (an input node's fields), not a step's output. */
export function readsExample(kind: NodeKind): boolean {
  return nodeKindRegistry[kind].exampleFields !== undefined;
}
