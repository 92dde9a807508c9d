import { examplesBySplit, labelSplits, splitDataset } from './split';
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

describe('labelSplits', () => {
  const ids = (list: readonly Example[]) => list.map((e) => e.id);

  it('labels every example as splitDataset cuts it, in the original order, and is deterministic', () => {
    const labelled = labelSplits(examples, { seed: 7, train: 0.6, val: 0.2 });
    expect(ids(labelled)).toEqual(ids(examples));
    expect(labelSplits(examples, { seed: 7, train: 0.6, val: 0.2 })).toEqual(labelled);
    const cut = splitDataset(examples, { seed: 7, train: 0.6, val: 0.2, test: 0.2 });
    const grouped = examplesBySplit(labelled);
    expect(ids(grouped.train).sort()).toEqual(ids(cut.train).sort());
    expect(ids(grouped.val).sort()).toEqual(ids(cut.val).sort());
    expect(ids(grouped.test).sort()).toEqual(ids(cut.test).sort());
  });

  it('gives test what train and val leave, clamping fractions that do not fit', () => {
    const count = (list: Example[], split: Example['split']) => list.filter((e) => e.split === split).length;
    const ten = examples.slice(0, 10);
    const overfull = labelSplits(ten, { seed: 1, train: 0.7, val: 0.7 });
    expect([count(overfull, 'train'), count(overfull, 'val'), count(overfull, 'test')]).toEqual([7, 3, 0]);
    const clamped = labelSplits(ten, { seed: 1, train: 2, val: -1 });
    expect(count(clamped, 'train')).toBe(10);
    expect(labelSplits(ten, { seed: 1, train: 0, val: 0 }).every((e) => e.split === 'test')).toBe(true);
    expect(labelSplits([], { seed: 1, train: 0.5, val: 0.5 })).toEqual([]);
  });

  it('relabels every example, unless keepLabels keeps the labels examples already carry', () => {
    const marked = examples.slice(0, 10).map((e, i) => (i < 3 ? { ...e, split: 'test' as const } : e));
    const options = { seed: 3, train: 1, val: 0 };
    expect(labelSplits(marked, options).every((e) => e.split === 'train')).toBe(true);
    const kept = labelSplits(marked, { ...options, keepLabels: true });
    expect(kept.map((e) => e.split)).toEqual([...Array(3).fill('test'), ...Array(7).fill('train')]);
    expect(marked[3]!.split).toBeUndefined();
  });
});
