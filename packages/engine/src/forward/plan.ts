import type { Workflow, WorkflowEdge, WorkflowNode } from '../graph/schema';
import { buildGraphIndex, CycleError } from '../graph/topology';
import { nodeKindOf } from '../nodes/registry';
import { quoteList } from '../util/quote-list';

/** How one incoming edge gets its value, resolved once per run instead of once per example. */
export interface PlannedInput {
  edge: WorkflowEdge;
  /** Position of the source node in {@link ForwardPlan.nodes}. */
  sourceIndex: number;
  /** For an input-node source: the example field this edge carries. */
  field?: string;
  /** Set when the edge cannot carry a value (e.g. an input node with several fields and no sourceField). */
  problem?: string;
}

/** A workflow node with its wiring as array positions, so the scheduler does no map lookups per call. */
export interface PlannedNode {
  index: number;
  node: WorkflowNode;
  inputs: PlannedInput[];
  /** Positions of distinct successors. */
  successors: number[];
  /** Number of distinct predecessors: the node fires when this many have settled. */
  predecessorCount: number;
}

/** The workflow compiled for execution: built once per `runForward` call, shared by every example. */
export interface ForwardPlan {
  workflow: Workflow;
  nodes: PlannedNode[];
  /** Nodes without predecessors: where every example starts. */
  roots: number[];
}

/**
 * Compiles a workflow for the forward scheduler. Throws {@link CycleError} for a cyclic graph;
 * edges naming missing nodes are ignored here (validation reports them before a run).
 */
export function planForward(workflow: Workflow): ForwardPlan {
  const index = buildGraphIndex(workflow);
  if (index.order === null) throw new CycleError(index.cycle ?? []);
  const nodes = index.nodes;
  const positionOf = index.positionOf;
  const planned: PlannedNode[] = nodes.map((node, i) => ({
    index: i,
    node,
    inputs: (index.incoming.get(node.id) ?? []).map((edge) => planInput(edge, index.nodeById, positionOf)),
    successors: (index.successors.get(node.id) ?? []).map((id) => positionOf.get(id)!),
    predecessorCount: (index.predecessors.get(node.id) ?? []).length,
  }));
  const roots = planned.filter((p) => p.predecessorCount === 0).map((p) => p.index);
  return { workflow, nodes: planned, roots };
}

function planInput(
  edge: WorkflowEdge,
  nodeById: ReadonlyMap<string, WorkflowNode>,
  positionOf: ReadonlyMap<string, number>,
): PlannedInput {
  const source = nodeById.get(edge.source)!;
  const sourceIndex = positionOf.get(edge.source)!;
  const fields = nodeKindOf(source).exampleFields?.(source);
  if (fields === undefined) return { edge, sourceIndex };
  if (edge.sourceField !== undefined) {
    if (fields.includes(edge.sourceField)) return { edge, sourceIndex, field: edge.sourceField };
    return {
      edge,
      sourceIndex,
      problem: `edge "${edge.id}" reads field "${edge.sourceField}", which input node "${source.id}" does not expose (it exposes ${quoteList(fields)})`,
    };
  }
  if (fields.length === 1) return { edge, sourceIndex, field: fields[0] };
  return {
    edge,
    sourceIndex,
    problem: `edge "${edge.id}" must say which field of input node "${source.id}" it carries (sourceField), since the node exposes ${quoteList(fields)}`,
  };
}
