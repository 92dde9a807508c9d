/**
 * Level of detail of a large canvas. Zoomed out on hundreds of nodes, a node's text is a few
 * pixels high and cannot be read, yet painting it (text, rounded borders, shadows, handles) is
 * most of a pan frame in software-rastered Chromium. There the canvas gets the `bf-low-detail`
 * class and styles.css hides the node contents with `visibility: hidden`, which skips their paint
 * but keeps their layout: sizes and handle positions stay as measured, so crossing the threshold
 * triggers no re-measure and no node re-render. Small graphs are cheap at any zoom and keep
 * their full detail.
 */

/** Graphs with more nodes than this are "large": level of detail and visible-only rendering. */
export const LARGE_GRAPH_NODES = 150;

/** Zoom below which a large graph's nodes are plain coloured boxes (12 px text is < 5 px there). */
export const LOW_DETAIL_ZOOM = 0.4;

/** Class the canvas carries while in low detail (styles.css keys on it). */
export const LOW_DETAIL_CLASS = 'bf-low-detail';

/** Whether a graph of `nodeCount` nodes at `zoom` is drawn in low detail. */
export function isLowDetail(nodeCount: number, zoom: number): boolean {
  return nodeCount > LARGE_GRAPH_NODES && zoom < LOW_DETAIL_ZOOM;
}

/**
 * React Flow store selector for `isLowDetail`. It returns a boolean, so a component using it
 * re-renders only when the zoom crosses the threshold, not on every pan or zoom frame.
 */
export function selectLowDetail(s: {
  nodes: readonly unknown[];
  transform: readonly [number, number, number];
}): boolean {
  return isLowDetail(s.nodes.length, s.transform[2]);
}
