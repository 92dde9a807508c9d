/**
 * Copy/paste of a selection as workflow JSON: the clipboard holds a regular workflow document
 * with just the selected nodes and the edges between them, so it pastes into another tab, or
 * into a text editor and back. Pasted nodes get fresh ids where theirs are taken.
 */
import type { Workflow } from '@backflow/engine';
import { parseWorkflowValue } from '../engine-adapters/parse';
import { freshId, takenIds } from '../store/doc-ops';

/** The selected part of `doc` as a document (its name says it is a clipboard fragment). */
export function selectionFragment(doc: Workflow, nodeIds: ReadonlySet<string>): Workflow | null {
  if (nodeIds.size === 0) return null;
  const nodes = doc.nodes.filter((n) => nodeIds.has(n.id));
  const edges = doc.edges.filter((e) => nodeIds.has(e.source) && nodeIds.has(e.target));
  return { ...doc, id: 'clipboard', name: `${doc.name} (selection)`, nodes, edges };
}

/** Reads clipboard text as a fragment (the engine parses it, limits first); null when it is not a workflow. */
export function readFragment(text: string): Workflow | null {
  const r = parseWorkflowValue(text);
  return r.ok ? r.workflow : null;
}

/**
 * `doc` with `fragment` added: ids renamed where they collide, positions shifted by `offset`.
 * Returns the new document and the ids of the pasted nodes (to select them).
 */
export function pasteFragment(
  doc: Workflow,
  fragment: Workflow,
  offset: { x: number; y: number },
): { doc: Workflow; nodeIds: string[] } {
  const taken = takenIds(doc);
  const rename = new Map<string, string>();
  for (const n of fragment.nodes) {
    const id = taken.has(n.id) ? freshId(n.kind, taken) : n.id;
    taken.add(id);
    rename.set(n.id, id);
  }
  const nodes = fragment.nodes.map((n) => ({
    ...n,
    id: rename.get(n.id) as string,
    position: { x: n.position.x + offset.x, y: n.position.y + offset.y },
  }));
  const edges = fragment.edges
    .filter((e) => rename.has(e.source) && rename.has(e.target))
    .map((e) => {
      const id = taken.has(e.id) ? freshId('e', taken) : e.id;
      taken.add(id);
      return { ...e, id, source: rename.get(e.source) as string, target: rename.get(e.target) as string };
    });
  return {
    doc: { ...doc, nodes: [...doc.nodes, ...nodes], edges: [...doc.edges, ...edges] },
    nodeIds: nodes.map((n) => n.id),
  };
}
