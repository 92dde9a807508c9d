import { examplesBySplit, splitDataset } from './split';
import type { Example } from './types';

const examples: Example[] = Array.from({ length: 101 }, (_, i) => ({
  id: `e${i}`,
  inputs: { q: `${i}` },
  target: `${i}`,
}));

describe('splitDataset', () => {
  it('is deterministic for a seed and different across seeds', () => {
    const a = splitDataset(examples, { train: 0.6, val: 0.2, test: 0.2, seed: 7 });
    const b = splitDataset(examples, { train: 0.6, val: 0.2, test: 0.2, seed: 7 });
    const c = splitDataset(examples, { train: 0.6, val: 0.2, test: 0.2, seed: 8 });
    expect(b).toEqual(a);
    expect(c.train.map((e) => e.id)).not.toEqual(a.train.map((e) => e.id));
  });

  it('partitions every example exactly once, with counts from the fractions, tagged by split', () => {
    const s = splitDataset(examples, { train: 0.6, val: 0.2, test: 0.2, seed: 1 });
    expect([s.train.length, s.val.length, s.test.length]).toEqual([61, 20, 20]);
    const ids = [...s.train, ...s.val, ...s.test].map((e) => e.id).sort();
    expect(ids).toEqual(examples.map((e) => e.id).sort());
    expect(s.val.every((e) => e.split === 'val')).toBe(true);
    expect(examples[0]!.split).toBeUndefined();
    expect(examplesBySplit([...s.train, ...s.val, ...s.test]).test.map((e) => e.id)).toEqual(
      s.test.map((e) => e.id),
    );
  });

  it('normalises fractions and rejects impossible ones', () => {
    const s = splitDataset(examples.slice(0, 10), { train: 3, val: 1, test: 1, seed: 2 });
    expect([s.train.length, s.val.length, s.test.length]).toEqual([6, 2, 2]);
    expect(() => splitDataset(examples, { train: 0, val: 0, test: 0, seed: 1 })).toThrow(RangeError);
    expect(() => splitDataset(examples, { train: -1, val: 1, test: 1, seed: 1 })).toThrow(RangeError);
  });
});
