import { DEFAULT_NODE_SIZE, freeSpot } from './free-spot';

const node = (id: string, x: number, y: number) => ({ id, position: { x, y } }) as never;

describe('freeSpot', () => {
  it('uses the spot itself on an empty canvas', () => {
    expect(freeSpot({ nodes: [] }, {}, { x: 10, y: 20 })).toEqual({ x: 10, y: 20 });
  });

  it('puts repeated adds side by side: no two overlap', () => {
    const nodes: ReturnType<typeof node>[] = [];
    for (let i = 0; i < 8; i++) {
      const p = freeSpot({ nodes }, {}, { x: 0, y: 0 });
      nodes.push(node(`n${i}`, p.x, p.y));
    }
    const boxes = nodes.map((n: { position: { x: number; y: number } }) => n.position);
    for (const [i, a] of boxes.entries())
      for (const b of boxes.slice(i + 1)) {
        const apart =
          Math.abs(a.x - b.x) >= DEFAULT_NODE_SIZE.width || Math.abs(a.y - b.y) >= DEFAULT_NODE_SIZE.height;
        expect(apart).toBe(true);
      }
    // The second one goes right of the first (reading order), not below or on top.
    expect(boxes[1]).toEqual({ x: DEFAULT_NODE_SIZE.width + 24, y: 0 });
  });

  it('respects measured sizes: a tall node pushes the new one clear of its real height', () => {
    const p = freeSpot(
      { nodes: [node('tall', 0, 0)] },
      { tall: { width: 240, height: 600 } },
      { x: 0, y: 200 },
    );
    const overlaps = p.x < 240 + 24 && p.x + 240 + 24 > 0 && p.y < 600 + 24 && p.y + 140 + 24 > 0;
    expect(overlaps).toBe(false);
  });
});
