import { describe, expect, it } from 'vitest';
import { boxOf, fitTargets, READABLE_ZOOM, zoomToFit } from './fit';

const view = { width: 1000, height: 700 };
const grid = (cols: number, rows: number) =>
  Array.from({ length: cols * rows }, (_, i) =>
    boxOf({ id: `n${i}`, position: { x: (i % cols) * 300, y: Math.floor(i / cols) * 150 } }, {}),
  );

describe('fitTargets', () => {
  it('frames the whole graph when it fits at a readable zoom', () => {
    const small = grid(3, 2);
    expect(zoomToFit(small, view, 0.1)).toBeGreaterThanOrEqual(READABLE_ZOOM);
    expect(fitTargets(small, [], view)).toBeNull();
    expect(fitTargets([], [], view)).toBeNull();
  });

  it('frames the selection of a graph too large to read whole', () => {
    const large = grid(20, 25);
    expect(zoomToFit(large, view, 0.1)).toBeLessThan(READABLE_ZOOM);
    expect(fitTargets(large, ['n250', 'gone'], view)).toEqual(['n250']);
  });

  it('frames the start of a large graph without a selection: the nodes of one readable screen', () => {
    const large = grid(20, 25);
    const ids = fitTargets(large, [], view) ?? [];
    expect(ids).toContain('n0');
    expect(ids.length).toBeGreaterThan(1);
    const chosen = large.filter((b) => ids.includes(b.id));
    // What is framed fits at the readable zoom, so Fit's minimum zoom never cuts it.
    expect(zoomToFit(chosen, view, 0.1)).toBeGreaterThanOrEqual(READABLE_ZOOM);
  });

  it('falls back to the top-left node when even one node is wider than a screen', () => {
    const huge = [
      { id: 'a', x: 0, y: 0, width: 5000, height: 4000 },
      { id: 'b', x: 6000, y: 0, width: 5000, height: 4000 },
    ];
    expect(fitTargets(huge, [], view)).toEqual(['a']);
  });
});
