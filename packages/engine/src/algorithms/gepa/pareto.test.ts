import { createRng } from '../../util/random';
import {
  bestCandidate,
  exampleFronts,
  frontierWeights,
  isDominated,
  paretoFrontier,
  selectParent,
} from './pareto';
import type { GepaCandidate } from './state';

function cand(id: number, scores: number[], parents: number[] = []): GepaCandidate {
  const mean = scores.reduce((s, x) => s + x, 0) / scores.length;
  return { id, parents, origin: id === 0 ? 'seed' : 'reflection', iteration: id, prompts: {}, scores, mean };
}

describe('GEPA Pareto frontier', () => {
  // 0 is best nowhere; 1 and 2 are each best on different examples; 3 ties 1 on its only win.
  const pool = [
    cand(0, [0, 0, 0, 0]),
    cand(1, [1, 0, 0.5, 0]),
    cand(2, [0, 1, 0.5, 1]),
    cand(3, [1, 0, 0, 0]),
  ];

  it('puts every candidate reaching the best score of an example on its front', () => {
    expect(exampleFronts(pool).map((f) => [...f].sort())).toEqual([[1, 3], [2], [1, 2], [2]]);
  });

  it('calls a candidate dominated when every front it is on holds another', () => {
    const fronts = exampleFronts(pool);
    expect(isDominated(3, new Set([1, 2]), fronts)).toBe(true);
    expect(isDominated(1, new Set([2, 3]), fronts)).toBe(true);
    expect(isDominated(1, new Set([2]), fronts)).toBe(false);
    expect(isDominated(0, new Set([1, 2, 3]), fronts)).toBe(true);
  });

  it('keeps the non-dominated candidates, dropping the weaker of two with the same wins', () => {
    expect(paretoFrontier(pool)).toEqual([1, 2]);
    expect(frontierWeights(pool)).toEqual({ 1: 2, 2: 3 });
  });

  it('draws parents in proportion to the examples they are best on, only from the frontier', () => {
    const rng = createRng(11);
    const counts: Record<number, number> = {};
    for (let i = 0; i < 2000; i++) {
      const id = selectParent(pool, rng);
      counts[id] = (counts[id] ?? 0) + 1;
    }
    expect(Object.keys(counts).sort()).toEqual(['1', '2']);
    // Expected shares 2/5 and 3/5.
    expect((counts[1] ?? 0) / 2000).toBeGreaterThan(0.35);
    expect((counts[1] ?? 0) / 2000).toBeLessThan(0.45);
  });

  it('returns the best mean, the earliest on a tie, as the result', () => {
    expect(bestCandidate(pool).id).toBe(2);
    expect(bestCandidate([cand(0, [1, 0]), cand(1, [0, 1])]).id).toBe(0);
  });

  it('keeps a lone seed whose scores are all zero (every front is a tie)', () => {
    expect(paretoFrontier([cand(0, [0, 0])])).toEqual([0]);
    expect(selectParent([cand(0, [0, 0])], createRng(1))).toBe(0);
  });
});
