/**
 * Pure edits of a workflow document. Every function returns a NEW document and leaves untouched
 * nodes and edges as the same objects, so the canvas can reuse what did not change (the node
 * renderer compares by identity) and the undo history stays cheap (structural sharing).
 */
import {
  createEmptyWorkflow,
  type NodeKind,
  nodeKind,
  type Workflow,
  type WorkflowNode,
} from '@backflow/engine';

/** An empty workflow document with the given id and name (the engine's, defaults filled in). */
export function emptyWorkflow(id: string, name: string): Workflow {
  return createEmptyWorkflow(name, { id });
}

/** A fresh id like `llm_3` that no node (or edge) in `taken` uses yet. */
export function freshId(prefix: string, taken: ReadonlySet<string>): string {
  for (let i = 1; ; i++) {
    const id = `${prefix}_${i}`;
    if (!taken.has(id)) return id;
  }
}

/** Ids of every node and edge, for {@link freshId}. */
export function takenIds(doc: Workflow): Set<string> {
  return new Set([...doc.nodes.map((n) => n.id), ...doc.edges.map((e) => e.id)]);
}

/** A new node of `kind` with sensible starting content at `position` (its engine definition's). */
export function createNode(kind: NodeKind, id: string, position: { x: number; y: number }): WorkflowNode {
  return nodeKind(kind).create(id, position);
}

/** Adds a node. */
export function addNode(doc: Workflow, node: WorkflowNode): Workflow {
  return { ...doc, nodes: [...doc.nodes, node] };
}

/** Replaces one node's fields (by id); returns `doc` itself when nothing changed. */
export function updateNode(doc: Workflow, id: string, patch: Partial<WorkflowNode>): Workflow {
  let changed = false;
  const nodes = doc.nodes.map((n) => {
    if (n.id !== id) return n;
    const keys = Object.keys(patch) as (keyof WorkflowNode)[];
    if (keys.every((k) => Object.is(n[k], patch[k]))) return n;
    changed = true;
    return { ...n, ...patch } as WorkflowNode;
  });
  return changed ? { ...doc, nodes } : doc;
}

/** Moves nodes to new positions (a drag frame); untouched nodes keep their identity. */
export function moveNodes(doc: Workflow, positions: ReadonlyMap<string, { x: number; y: number }>): Workflow {
  if (positions.size === 0) return doc;
  let changed = false;
  const nodes = doc.nodes.map((n) => {
    const p = positions.get(n.id);
    if (!p || (p.x === n.position.x && p.y === n.position.y)) return n;
    changed = true;
    return { ...n, position: { x: p.x, y: p.y } };
  });
  return changed ? { ...doc, nodes } : doc;
}

/** Removes nodes and edges by id; edges touching a removed node go too. */
export function removeElements(
  doc: Workflow,
  nodeIds: Iterable<string>,
  edgeIds: Iterable<string> = [],
): Workflow {
  const deadNodes = new Set(nodeIds);
  const deadEdges = new Set(edgeIds);
  const nodes = doc.nodes.filter((n) => !deadNodes.has(n.id));
  const edges = doc.edges.filter(
    (e) => !deadEdges.has(e.id) && !deadNodes.has(e.source) && !deadNodes.has(e.target),
  );
  if (nodes.length === doc.nodes.length && edges.length === doc.edges.length) return doc;
  return { ...doc, nodes, edges };
}

/**
 * The path `to -> ... -> from` if adding an edge `from -> to` would close a cycle (so the caller
 * can name the nodes in its refusal), or null when the edge is safe.
 */
export function cycleIfConnected(doc: Workflow, from: string, to: string): string[] | null {
  if (from === to) return [from];
  const next = new Map<string, string[]>();
  for (const e of doc.edges) next.set(e.source, [...(next.get(e.source) ?? []), e.target]);
  const parent = new Map<string, string>([[to, to]]);
  const queue = [to];
  while (queue.length > 0) {
    const id = queue.shift() as string;
    if (id === from) {
      const path = [from];
      for (let cur = from; cur !== to; cur = parent.get(cur) as string) path.push(parent.get(cur) as string);
      return path.reverse();
    }
    for (const t of next.get(id) ?? []) {
      if (!parent.has(t)) {
        parent.set(t, id);
        queue.push(t);
      }
    }
  }
  return null;
}
