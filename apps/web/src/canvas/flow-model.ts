/**
 * Maps the workflow document onto React Flow nodes and edges. A React Flow node is rebuilt only
 * when its workflow node object, selection or measured size changed: React Flow then reuses its
 * internal node for the rest, and the memoised node components do not re-render while another
 * node is dragged.
 */
import type { Workflow, WorkflowEdge, WorkflowNode } from '@backflow/engine';
import type { Edge, Node } from '@xyflow/react';
import { sourceHandleId, targetHandleId } from '../store/connect';

/** The React Flow node type: its data is the workflow node itself. */
/** Node type names are prefixed: React Flow styles its built-in `input`/`output` types itself. */
export type FlowNodeType = `wf-${WorkflowNode['kind']}`;
export type FlowNode = Node<WorkflowNode, FlowNodeType>;
export type FlowEdge = Edge;

type Size = { width: number; height: number };
const nodeCache = new WeakMap<WorkflowNode, { flow: FlowNode; selected: boolean; size: Size | undefined }>();
const edgeCache = new WeakMap<WorkflowEdge, { flow: FlowEdge; selected: boolean }>();

/** React Flow nodes for the document's nodes. */
export function toFlowNodes(
  nodes: Workflow['nodes'],
  selected: ReadonlySet<string>,
  measured: Readonly<Record<string, Size>>,
): FlowNode[] {
  return nodes.map((node) => {
    const isSelected = selected.has(node.id);
    const size = measured[node.id];
    const hit = nodeCache.get(node);
    if (hit && hit.selected === isSelected && hit.size === size) return hit.flow;
    const flow: FlowNode = {
      id: node.id,
      type: `wf-${node.kind}`,
      position: node.position,
      data: node,
      selected: isSelected,
      ...(size ? { measured: size } : {}),
    };
    nodeCache.set(node, { flow, selected: isSelected, size });
    return flow;
  });
}

/** React Flow edges for the document's edges, labelled with the input name they bind. */
export function toFlowEdges(edges: Workflow['edges'], selected: ReadonlySet<string>): FlowEdge[] {
  return edges.map((edge) => {
    const isSelected = selected.has(edge.id);
    const hit = edgeCache.get(edge);
    if (hit && hit.selected === isSelected) return hit.flow;
    const flow: FlowEdge = {
      id: edge.id,
      source: edge.source,
      target: edge.target,
      sourceHandle: sourceHandleId(edge),
      targetHandle: targetHandleId(edge),
      selected: isSelected,
    };
    edgeCache.set(edge, { flow, selected: isSelected });
    return flow;
  });
}
