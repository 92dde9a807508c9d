import type { ExampleTrace } from '../forward/types';
import type { Workflow, WorkflowNode } from '../graph/schema';
import {
  buildGraphIndex,
  type GraphIndex,
  predecessors,
  successors,
  topologicalOrder,
} from '../graph/topology';
import { isStepKind, nodeKindOf } from '../nodes/registry';
import type { TaskInput, TaskMessage, TaskNode } from '../prompts/tasks';
import type { BackwardSignal } from './types';

/**
 * The walk every backward method shares (micrograd-small): reverse topological order, a node
 * visited only after all its successors delivered, plus the helpers that turn a node and a
 * forward trace into the payload parts of a meta-prompt.
 */

/**
 * Node ids in the order the backward pass visits them: reverse topological order, so every node
 * comes after all its successors. Input nodes are left out: they are the example, not trainable,
 * and have nothing upstream to send a message to.
 */
export function backwardOrder(workflow: Workflow): string[] {
  const index = buildGraphIndex(workflow);
  return [...topologicalOrder(index)]
    .reverse()
    .filter((id) => nodeKindOf(index.nodeById.get(id)!).takesInputs);
}

/**
 * Throws unless every successor of `nodeId` has already run its backward step. The walk's one
 * invariant: a node's messages are complete only once all the nodes that use its output spoke.
 */
export function assertSuccessorsDelivered(
  index: GraphIndex,
  nodeId: string,
  delivered: ReadonlySet<string>,
): void {
  const missing = successors(index, nodeId).filter((s) => !delivered.has(s));
  if (missing.length > 0) {
    throw new Error(
      `backward step at "${nodeId}" before its successor(s) ${missing.map((m) => `"${m}"`).join(', ')} delivered`,
    );
  }
}

/** The node as a backward meta-prompt describes it (by its kind's definition, nodes/<kind>.ts). */
export function toTaskNode(node: WorkflowNode): TaskNode {
  return nodeKindOf(node).taskNode(node);
}

/**
 * The inputs of `nodeId` on one example, one per incoming edge, with the value the forward pass
 * bound to it (from the trace; the upstream output when the trace has no binding).
 */
export function taskInputs(index: GraphIndex, nodeId: string, trace: ExampleTrace): TaskInput[] {
  const bound = trace.nodes[nodeId]?.inputs ?? {};
  return (index.incoming.get(nodeId) ?? []).map((edge) => {
    const source = index.nodeById.get(edge.source)!;
    const value = bound[edge.targetInput] ?? nodeOutput(trace, edge.source) ?? '';
    return {
      id: edge.source,
      name: edge.targetInput,
      kind: source.kind,
      role: nodeKindOf(source).inputRole(source, edge.sourceField),
      value,
    };
  });
}

/** The user message the node was actually sent (llm nodes); for other nodes, its inputs listed. */
export function renderedUserMessage(trace: ExampleTrace, nodeId: string): string {
  const node = trace.nodes[nodeId];
  const user = (node?.messages ?? []).filter((m) => m.role === 'user').map((m) => m.content);
  if (user.length > 0) return user.join('\n\n');
  return Object.entries(node?.inputs ?? {})
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n');
}

/** The node's output on the example, or undefined when it failed or was skipped. */
export function nodeOutput(trace: ExampleTrace, nodeId: string): string | undefined {
  const node = trace.nodes[nodeId];
  if (node?.status === 'ok' && node.output !== undefined) return node.output;
  return trace.outputs[nodeId];
}

/** Predecessors that are steps (llm or code nodes): the ones a message or target can reach. */
export function stepPredecessors(index: GraphIndex, nodeId: string): string[] {
  return predecessors(index, nodeId).filter((id) => isStepKind(index.nodeById.get(id)?.kind));
}

/**
 * The outputs of the other step predecessors of `successorId` (the siblings of `nodeId` w.r.t. it)
 * on one example. Dataset fields are not siblings' outputs: they are the example itself.
 */
export function siblingOutputs(
  index: GraphIndex,
  trace: ExampleTrace,
  nodeId: string,
  successorId: string,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const id of stepPredecessors(index, successorId)) {
    if (id === nodeId) continue;
    out[id] = nodeOutput(trace, id) ?? '';
  }
  return out;
}

/** Signals about the node's output on one example whose text is not empty, as payload messages. */
export function receivedMessages(received: readonly BackwardSignal[], exampleId: string): TaskMessage[] {
  return receivedFor(received, exampleId).map(taskMessageOf);
}

/** A received signal as a task message (provenance kept: who sent it). */
export function taskMessageOf(signal: BackwardSignal): TaskMessage {
  return signal.suggestedValue === undefined
    ? { from: signal.fromNodeId, text: signal.text }
    : { from: signal.fromNodeId, text: signal.text, suggestedValue: signal.suggestedValue };
}

/**
 * The non-empty signals about the node's OUTPUT on one example, in delivery order. Empty texts
 * are dropped as the reference code's feedback filter does: they carry nothing to act on.
 */
export function receivedFor(received: readonly BackwardSignal[], exampleId: string): BackwardSignal[] {
  return received.filter((s) => s.exampleId === exampleId && s.about !== 'prompt' && s.text.trim() !== '');
}

/** Whitespace-insensitive equality: how "the target equals the output" is decided. */
export function sameText(a: string, b: string): boolean {
  const norm = (s: string) => s.trim().replace(/\s+/g, ' ');
  return norm(a) === norm(b);
}
