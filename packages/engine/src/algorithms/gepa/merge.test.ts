import { createRng } from '../../util/random';
import { ancestorsOf, MERGE_SUBSAMPLE, mergePrompts, mergeSubsample, pairKey, planMerge } from './merge';
import { candidate } from './test-support/candidates';

// The seed, and two lines from it: one improved module a (good on the first examples), the other
// module b (good on the last ones).
const seed = candidate(0, { a: 'A0', b: 'B0', c: 'C0' }, [0, 0, 0, 0, 0, 0], []);
const left = candidate(1, { a: 'A1', b: 'B0', c: 'C0' }, [1, 1, 1, 0, 0, 0], [0]);
const right = candidate(2, { a: 'A0', b: 'B2', c: 'C0' }, [0, 0, 0, 1, 1, 0.5], [0]);
const modules = ['a', 'b', 'c'];

describe('GEPA merge', () => {
  it('takes, per module, the prompt that moved away from the common ancestor', () => {
    expect(mergePrompts(seed, left, right, modules)).toEqual({ a: 'A1', b: 'B2', c: 'C0' });
  });

  it('takes the stronger parent where both moved, and refuses a merge that copies one parent', () => {
    const both = candidate(3, { a: 'A3', b: 'B2', c: 'C0' }, [0, 0, 0, 1, 1, 0], [2]);
    expect(mergePrompts(seed, left, both, modules)).toEqual({ a: 'A1', b: 'B2', c: 'C0' });
    const same = candidate(4, { a: 'A1', b: 'B0', c: 'C0' }, [1, 1, 1, 0, 0, 0], [1]);
    expect(mergePrompts(seed, left, same, modules)).toBeNull();
  });

  it('finds ancestors through every parent', () => {
    const child = candidate(5, { a: 'A1', b: 'B2', c: 'C0' }, [1, 1, 1, 1, 1, 1], [1, 2]);
    expect([...ancestorsOf([seed, left, right, child], 5)].sort()).toEqual([0, 1, 2]);
  });

  it('plans a merge of two frontier candidates with a common ancestor, once per pair', () => {
    const pool = [seed, left, right];
    const plan = planMerge(pool, modules, [], createRng(3));
    expect(plan).toEqual({ parents: [1, 2], ancestor: 0, child: { a: 'A1', b: 'B2', c: 'C0' } });
    expect(planMerge(pool, modules, [pairKey(2, 1)], createRng(3))).toBeNull();
  });

  it('never merges a candidate with its own ancestor', () => {
    const grandchild = candidate(3, { a: 'A1', b: 'B0', c: 'C3' }, [1, 1, 1, 0, 0, 1], [1]);
    // 3 descends from 1: the only frontier pairs are (2, 3) over the seed.
    const plan = planMerge([seed, left, right, grandchild], modules, [], createRng(3));
    expect(plan).toEqual({ parents: [2, 3], ancestor: 0, child: { a: 'A1', b: 'B2', c: 'C3' } });
  });

  it('checks a merge on examples where the parents differ, alternating between them', () => {
    const positions = mergeSubsample(left, right, createRng(5));
    expect(positions.length).toBe(MERGE_SUBSAMPLE);
    expect(positions.filter((i) => i < 3).length).toBeGreaterThanOrEqual(2);
    expect(positions.filter((i) => i >= 3).length).toBeGreaterThanOrEqual(2);
  });
});
