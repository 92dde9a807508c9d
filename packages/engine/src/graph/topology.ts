/**
 * Graph queries over a {@link GraphIndex}. Build the index once per workflow version with
 * `buildGraphIndex(workflow)`; every function here is then O(V+E) or better and deterministic:
 * ties are broken by the nodes' order in the document, never by hash or insertion accidents.
 */

import type { GraphIndex } from './graph-index';

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
