/**
 * What Fit shows. Fitting a large graph whole makes its nodes a few pixels high (the issue's
 * "after Fit, nodes are too small to read"): Fit keeps a readable minimum zoom instead and, when
 * the whole graph does not fit at that zoom, shows the selection, or else the graph's start (its
 * top-left nodes, where a left-to-right workflow begins).
 */

/** The smallest zoom Fit goes to: 12 px node labels stay 6 px and up, the size a minimap shows. */
export const READABLE_ZOOM = 0.5;

type Box = { id: string; x: number; y: number; width: number; height: number };

/** A node's box, with a default size for a node not measured yet. */
export function boxOf(
  node: { id: string; position: { x: number; y: number } },
  measured: Readonly<Record<string, { width: number; height: number }>>,
): Box {
  const size = measured[node.id] ?? { width: 240, height: 100 };
  return { id: node.id, x: node.position.x, y: node.position.y, ...size };
}

/** The zoom at which `boxes` fill `view` with `padding` (a fraction of the view on each side). */
export function zoomToFit(
  boxes: readonly Box[],
  view: { width: number; height: number },
  padding: number,
): number {
  const minX = Math.min(...boxes.map((b) => b.x));
  const minY = Math.min(...boxes.map((b) => b.y));
  const maxX = Math.max(...boxes.map((b) => b.x + b.width));
  const maxY = Math.max(...boxes.map((b) => b.y + b.height));
  const usable = 1 - 2 * padding;
  return Math.min(
    (view.width * usable) / Math.max(1, maxX - minX),
    (view.height * usable) / Math.max(1, maxY - minY),
  );
}

/**
 * The node ids Fit should frame: null for the whole graph (it fits at a readable zoom, or is
 * empty); otherwise the selection when there is one, else the nodes within one readable screen of
 * the graph's top-left corner (at least the top-left-most node).
 */
export function fitTargets(
  boxes: readonly Box[],
  selected: readonly string[],
  view: { width: number; height: number },
  padding = 0.1,
): string[] | null {
  if (boxes.length === 0 || zoomToFit(boxes, view, padding) >= READABLE_ZOOM) return null;
  const known = new Set(boxes.map((b) => b.id));
  const chosen = selected.filter((id) => known.has(id));
  if (chosen.length > 0) return chosen;
  const minX = Math.min(...boxes.map((b) => b.x));
  const minY = Math.min(...boxes.map((b) => b.y));
  const usable = 1 - 2 * padding;
  const right = minX + (view.width * usable) / READABLE_ZOOM;
  const bottom = minY + (view.height * usable) / READABLE_ZOOM;
  const inView = boxes.filter((b) => b.x + b.width <= right && b.y + b.height <= bottom).map((b) => b.id);
  if (inView.length > 0) return inView;
  const first = [...boxes].sort((a, b) => a.x + a.y - (b.x + b.y))[0];
  return first ? [first.id] : null;
}
