/**
 * Graph queries over a {@link GraphIndex}. Build the index once per workflow version with
 * `buildGraphIndex(workflow)`; every function here is then O(V+E) or better and deterministic:
 * ties are broken by the nodes' order in the document, never by hash or insertion accidents.
 */

import { callsModel, isAnswerNode } from '../nodes/registry';
import type { GraphIndex } from './graph-index';
import type { WorkflowNode } from './schema';

export { buildGraphIndex, type GraphIndex, type GraphInput } from './graph-index';

/** Thrown by {@link topologicalOrder} when the workflow is not a DAG. */
export class CycleError extends Error {
  override readonly name = 'CycleError';
  constructor(
    /** The nodes on one cycle, in edge direction. */
    readonly cycle: readonly string[],
  ) {
    super(`The workflow has a cycle: ${[...cycle, cycle[0]].join(' -> ')}.`);
  }
}

/**
 * Node ids in topological order: every node after all its predecessors. Stable: among nodes that
 * are ready at the same time, the one earlier in the document comes first. Throws
 * {@link CycleError} when the graph has a cycle.
 */
export function topologicalOrder(index: GraphIndex): readonly string[] {
  if (index.order === null) throw new CycleError(index.cycle ?? []);
  return index.order;
}

/** One cycle (node ids in edge direction, starting at its earliest node in the document), or null. */
export function findCycle(index: GraphIndex): readonly string[] | null {
  return index.cycle;
}

/** Distinct nodes with an edge into `nodeId`, in order of their first edge. */
export function predecessors(index: GraphIndex, nodeId: string): readonly string[] {
  return index.predecessors.get(nodeId) ?? [];
}

/** Distinct nodes `nodeId` has an edge to, in order of their first edge. */
export function successors(index: GraphIndex, nodeId: string): readonly string[] {
  return index.successors.get(nodeId) ?? [];
}

/**
 * The siblings of `nodeId` with respect to `successorId`: the OTHER predecessors of that successor,
 * in edge order. Semantic backpropagation conditions the message to `nodeId` on their outputs.
 * Empty when `successorId` has no other inputs.
 */
export function siblings(index: GraphIndex, nodeId: string, successorId: string): readonly string[] {
  return predecessors(index, successorId).filter((id) => id !== nodeId);
}

/** Every node with a path to `nodeId` (not itself), in topological order when the graph is acyclic. */
export function ancestors(index: GraphIndex, nodeId: string): string[] {
  return sortByOrder(index, walk(index, [nodeId], index.predecessors, false));
}

/** Every node reachable from `nodeId` (not itself), in topological order when the graph is acyclic. */
export function descendants(index: GraphIndex, nodeId: string): string[] {
  return sortByOrder(index, walk(index, [nodeId], index.successors, false));
}

/**
 * Nodes reachable from any of `startIds` following edges forwards (`successors`) or backwards
 * (`predecessors`), the starts included. One breadth-first walk: O(V+E).
 */
export function reachable(
  index: GraphIndex,
  startIds: readonly string[],
  direction: 'forward' | 'backward',
): Set<string> {
  return walk(index, startIds, direction === 'forward' ? index.successors : index.predecessors, true);
}

/** A weight per node for path lengths; {@link llmCallWeight} counts model calls. */
export type NodeWeight = (node: WorkflowNode) => number;

/** 1 for an `llm` node, 0 otherwise: path lengths then count sequential LLM calls. */
export const llmCallWeight: NodeWeight = (node) => (callsModel(node) ? 1 : 0);

/** A path through the graph from a source node, with its total weight. */
export interface WeightedPath {
  /** Sum of the node weights along the path (LLM calls, by default). */
  weight: number;
  /** Node ids from a source to the path's end, in edge direction. Empty for an empty graph. */
  nodeIds: string[];
}

/**
 * The heaviest path anywhere in the graph (by default: the most LLM calls in sequence), found by
 * dynamic programming in topological order. Ties go to the path that ends (then branches) earlier
 * in the document. Throws {@link CycleError} on a cyclic graph.
 */
export function longestPath(index: GraphIndex, weight: NodeWeight = llmCallWeight): WeightedPath {
  return heaviestEndingIn(index, weight, () => true);
}

/**
 * The critical path: the heaviest path that ends at an `output` node, i.e. the chain of LLM calls
 * that bounds one example's latency however parallel the rest of the graph runs. Falls back to
 * {@link longestPath} when the graph has no output node.
 */
export function criticalPath(index: GraphIndex, weight: NodeWeight = llmCallWeight): WeightedPath {
  const hasOutput = index.nodes.some(isAnswerNode);
  return heaviestEndingIn(index, weight, (node) => !hasOutput || isAnswerNode(node));
}

function heaviestEndingIn(
  index: GraphIndex,
  weight: NodeWeight,
  isEnd: (node: WorkflowNode) => boolean,
): WeightedPath {
  const order = topologicalOrder(index);
  const best = new Map<string, number>();
  const via = new Map<string, string>();
  let end: string | undefined;
  for (const id of order) {
    let bestPred: string | undefined;
    for (const pred of sortByPosition(index, predecessors(index, id))) {
      if (bestPred === undefined || best.get(pred)! > best.get(bestPred)!) bestPred = pred;
    }
    const node = index.nodeById.get(id)!;
    best.set(id, weight(node) + (bestPred === undefined ? 0 : best.get(bestPred)!));
    if (bestPred !== undefined) via.set(id, bestPred);
    if (isEnd(node) && (end === undefined || best.get(id)! > best.get(end)!)) end = id;
  }
  if (end === undefined) return { weight: 0, nodeIds: [] };
  const nodeIds: string[] = [];
  for (let at: string | undefined = end; at !== undefined; at = via.get(at)) nodeIds.push(at);
  return { weight: best.get(end)!, nodeIds: nodeIds.reverse() };
}

function walk(
  index: GraphIndex,
  startIds: readonly string[],
  next: ReadonlyMap<string, readonly string[]>,
  includeStarts: boolean,
): Set<string> {
  const seen = new Set<string>();
  const queue: string[] = [];
  for (const id of startIds) {
    if (!index.nodeById.has(id)) continue;
    if (includeStarts) seen.add(id);
    queue.push(id);
  }
  for (let head = 0; head < queue.length; head++) {
    for (const n of next.get(queue[head]!) ?? []) {
      if (seen.has(n)) continue;
      seen.add(n);
      queue.push(n);
    }
  }
  if (!includeStarts) for (const id of startIds) seen.delete(id);
  return seen;
}

function sortByOrder(index: GraphIndex, ids: Iterable<string>): string[] {
  const rank = index.order === null ? index.positionOf : index.rankOf;
  return [...ids].sort((a, b) => rank.get(a)! - rank.get(b)!);
}

function sortByPosition(index: GraphIndex, ids: readonly string[]): string[] {
  return [...ids].sort((a, b) => index.positionOf.get(a)! - index.positionOf.get(b)!);
}
