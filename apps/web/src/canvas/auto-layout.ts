/**
 * Left-to-right layered layout with elkjs, loaded on first use (it is large, and most sessions
 * never press "Layout"). Returns new positions; the caller applies them as one undo step.
 */
import type { Workflow } from '@backflow/engine';

const DEFAULT_SIZE = { width: 240, height: 110 };

/** Positions for every node of `doc`, laid out left to right by ELK's layered algorithm. */
export async function layoutPositions(
  doc: Workflow,
  sizes: Readonly<Record<string, { width: number; height: number }>>,
): Promise<Map<string, { x: number; y: number }>> {
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
  const elk = new ELK();
  const ids = new Set(doc.nodes.map((n) => n.id));
  const graph = await elk.layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.spacing.nodeNode': '40',
      'elk.layered.spacing.nodeNodeBetweenLayers': '90',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    },
    children: doc.nodes.map((n) => ({ id: n.id, ...(sizes[n.id] ?? DEFAULT_SIZE) })),
    edges: doc.edges
      .filter((e) => ids.has(e.source) && ids.has(e.target))
      .map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  });
  const out = new Map<string, { x: number; y: number }>();
  for (const child of graph.children ?? [])
    out.set(child.id, { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) });
  return out;
}
