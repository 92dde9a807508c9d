import { findCycles } from './cycles';
import { MinHeap } from './min-heap';
import type { WorkflowEdge, WorkflowNode } from './schema';

/** The part of a workflow the graph utilities need (a partial, salvaged document works too). */
export interface GraphInput {
  readonly nodes: readonly WorkflowNode[];
  readonly edges: readonly WorkflowEdge[];
}

/**
 * Adjacency of a workflow, built once in O((V+E) log V) so every query after it is linear or
 * better: the studio re-validates 500-node graphs on each edit, and rescanning the edge list per
 * node would be quadratic.
 */
export interface GraphIndex {
  /** Nodes with unique ids, in document order (a duplicated id keeps its first node). */
  readonly nodes: readonly WorkflowNode[];
  readonly nodeById: ReadonlyMap<string, WorkflowNode>;
  /** Document position of each node id; the tie-breaker that makes every order deterministic. */
  readonly positionOf: ReadonlyMap<string, number>;
  /** Edges whose source and target both exist, by target and by source, in document order. */
  readonly incoming: ReadonlyMap<string, readonly WorkflowEdge[]>;
  readonly outgoing: ReadonlyMap<string, readonly WorkflowEdge[]>;
  /** Distinct predecessor / successor ids in order of their first edge. */
  readonly predecessors: ReadonlyMap<string, readonly string[]>;
  readonly successors: ReadonlyMap<string, readonly string[]>;
  /** Edges that name a node that does not exist. */
  readonly danglingEdges: readonly WorkflowEdge[];
  /** Topological order, or null when the graph has a cycle. */
  readonly order: readonly string[] | null;
  /** Rank of each node in `order` (empty when cyclic). */
  readonly rankOf: ReadonlyMap<string, number>;
  /** The first of {@link findCycles}' cycles (the one validation names first); null if acyclic. */
  readonly cycle: readonly string[] | null;
}

/** Builds the {@link GraphIndex} of a workflow. Tolerates duplicate ids and dangling edges. */
export function buildGraphIndex(graph: GraphInput): GraphIndex {
  const nodes: WorkflowNode[] = [];
  const nodeById = new Map<string, WorkflowNode>();
  const positionOf = new Map<string, number>();
  const incoming = new Map<string, WorkflowEdge[]>();
  const outgoing = new Map<string, WorkflowEdge[]>();
  const predecessors = new Map<string, string[]>();
  const successors = new Map<string, string[]>();
  for (const node of graph.nodes) {
    if (nodeById.has(node.id)) continue;
    positionOf.set(node.id, nodes.length);
    nodes.push(node);
    nodeById.set(node.id, node);
    for (const map of [incoming, outgoing]) map.set(node.id, []);
    for (const map of [predecessors, successors]) map.set(node.id, []);
  }
  const danglingEdges: WorkflowEdge[] = [];
  const seenPairs = new Set<string>();
  for (const edge of graph.edges) {
    if (!nodeById.has(edge.source) || !nodeById.has(edge.target)) {
      danglingEdges.push(edge);
      continue;
    }
    incoming.get(edge.target)!.push(edge);
    outgoing.get(edge.source)!.push(edge);
    // JSON ids cannot contain "\n", so it is a safe pair separator.
    const pair = `${edge.source}\n${edge.target}`;
    if (seenPairs.has(pair)) continue;
    seenPairs.add(pair);
    predecessors.get(edge.target)!.push(edge.source);
    successors.get(edge.source)!.push(edge.target);
  }
  const base = { nodes, nodeById, positionOf, incoming, outgoing, predecessors, successors, danglingEdges };
  const order = kahnOrder(base);
  const rankOf = new Map<string, number>(order === null ? [] : order.map((id, rank) => [id, rank]));
  const cycle = findCycles({ ...base, order })[0] ?? null;
  return { ...base, order, rankOf, cycle };
}

type Adjacency = Pick<GraphIndex, 'nodes' | 'positionOf' | 'predecessors' | 'successors'>;

/** Kahn's algorithm, always taking the ready node that comes first in the document. */
function kahnOrder(graph: Adjacency): string[] | null {
  const remainingIn = new Map<string, number>();
  const ready = new MinHeap();
  graph.nodes.forEach((node, position) => {
    const count = graph.predecessors.get(node.id)!.length;
    remainingIn.set(node.id, count);
    if (count === 0) ready.push(position);
  });
  const order: string[] = [];
  while (ready.size > 0) {
    const id = graph.nodes[ready.pop()!]!.id;
    order.push(id);
    for (const next of graph.successors.get(id)!) {
      const left = remainingIn.get(next)! - 1;
      remainingIn.set(next, left);
      if (left === 0) ready.push(graph.positionOf.get(next)!);
    }
  }
  return order.length === graph.nodes.length ? order : null;
}
