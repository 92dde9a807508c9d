/**
 * Where a new node goes: the requested spot if it is free, else the nearest free cell of a grid
 * of node-sized steps around it, so repeated adds sit side by side instead of on top of each other.
 */
import type { Workflow } from '@backflow/engine';

type Size = { width: number; height: number };
type Point = { x: number; y: number };

/** A node's size before the canvas has measured it (about an llm node's). */
export const DEFAULT_NODE_SIZE: Size = { width: 240, height: 140 };
const GAP = 24;
/** Rings of grid cells searched around the spot (beyond them the spot is used as it is). */
const RINGS = 6;

/** The top-left corner nearest to `at` where a new node overlaps no node of `doc`. */
export function freeSpot(
  doc: Pick<Workflow, 'nodes'>,
  measured: Readonly<Record<string, Size>>,
  at: Point,
  size: Size = DEFAULT_NODE_SIZE,
): Point {
  const boxes = doc.nodes.map((n) => ({ ...n.position, ...(measured[n.id] ?? DEFAULT_NODE_SIZE) }));
  const free = (p: Point) =>
    boxes.every(
      (b) =>
        p.x + size.width + GAP <= b.x ||
        b.x + b.width + GAP <= p.x ||
        p.y + size.height + GAP <= b.y ||
        b.y + b.height + GAP <= p.y,
    );
  const stepX = size.width + GAP;
  const stepY = size.height + GAP;
  const cells: { dx: number; dy: number }[] = [];
  for (let dx = -RINGS; dx <= RINGS; dx++) for (let dy = -RINGS; dy <= RINGS; dy++) cells.push({ dx, dy });
  // Nearest cell first; on a tie, right before left and below before above (workflows read left to right).
  cells.sort((a, b) => Math.hypot(a.dx, a.dy) - Math.hypot(b.dx, b.dy) || b.dx - a.dx || b.dy - a.dy);
  const spots = cells.map(({ dx, dy }) => ({ x: at.x + dx * stepX, y: at.y + dy * stepY }));
  return spots.find(free) ?? at;
}
