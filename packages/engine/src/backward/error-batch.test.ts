import { createRng } from '../util/random';
import { REFERENCE_ERROR_BATCH_SIZE, sampleErrorBatch } from './error-batch';

const scores = [1, 0, 0.5, 1, 0, 1, 0].map((score, i) => ({ exampleId: `ex${i}`, score }));

describe('sampleErrorBatch', () => {
  it('draws only failing examples, b of them, reproducibly from the seed', () => {
    const first = sampleErrorBatch(scores, REFERENCE_ERROR_BATCH_SIZE, createRng(42));
    expect(first).toHaveLength(2);
    expect(first.every((s) => s.score < 1)).toBe(true);
    expect(new Set(first.map((s) => s.exampleId)).size).toBe(2);
    expect(sampleErrorBatch(scores, 2, createRng(42))).toEqual(first);
  });

  it('returns every failing example when fewer than b fail, and nothing for a perfect batch', () => {
    expect(
      sampleErrorBatch(scores, 10, createRng(1))
        .map((s) => s.exampleId)
        .sort(),
    ).toEqual(['ex1', 'ex2', 'ex4', 'ex6']);
    expect(
      sampleErrorBatch(
        scores.filter((s) => s.score === 1),
        2,
        createRng(1),
      ),
    ).toEqual([]);
  });

  it('tops up with passing examples only when asked, failing ones first', () => {
    const batch = sampleErrorBatch(scores, 6, createRng(7), { fillWithPassing: true });
    expect(batch.map((s) => s.score < 1)).toEqual([true, true, true, true, false, false]);
  });

  it('honours a pass threshold', () => {
    const batch = sampleErrorBatch(scores, 10, createRng(3), { passThreshold: 0.5 });
    expect(batch.map((s) => s.exampleId).sort()).toEqual(['ex1', 'ex4', 'ex6']);
  });

  it('continues the same sequence from a saved generator state', () => {
    const rng = createRng(9);
    sampleErrorBatch(scores, 2, rng);
    const resumed = createRng(rng.state());
    expect(sampleErrorBatch(scores, 2, resumed)).toEqual(sampleErrorBatch(scores, 2, rng));
  });
});
