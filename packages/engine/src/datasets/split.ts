import { createRng, shuffled } from '../util/random';
import type { Example } from './types';

/** Fractions of a dataset for each split, and the seed that makes the split reproducible. */
export interface SplitOptions {
  train: number;
  val: number;
  test: number;
  seed: number;
}

/** Examples per split, each tagged with its `split`. */
export interface DatasetSplits {
  train: Example[];
  val: Example[];
  test: Example[];
}

/**
 * Shuffles examples with a seeded PRNG (same seed, same split, on every machine) and cuts them by
 * the given fractions. Fractions are normalised by their sum, and counts use largest remainders so
 * they always add up to the number of examples. Each example is tagged with its split.
 */
export function splitDataset(examples: readonly Example[], options: SplitOptions): DatasetSplits {
  const fractions = [options.train, options.val, options.test];
  if (fractions.some((f) => !Number.isFinite(f) || f < 0)) {
    throw new RangeError('Split fractions must be finite and not negative.');
  }
  const total = fractions[0]! + fractions[1]! + fractions[2]!;
  if (total <= 0) throw new RangeError('At least one split fraction must be positive.');
  const counts = roundLargestRemainders(
    fractions.map((f) => (f / total) * examples.length),
    examples.length,
  );
  const order = shuffled(createRng(options.seed), examples);
  const take = (from: number, count: number, split: Example['split']) =>
    order.slice(from, from + count).map((example) => ({ ...example, split }));
  return {
    train: take(0, counts[0]!, 'train'),
    val: take(counts[0]!, counts[1]!, 'val'),
    test: take(counts[0]! + counts[1]!, counts[2]!, 'test'),
  };
}

/**
 * Whole counts from real `shares` that add up to `total`: each share rounded down, then the
 * largest remainders (ties to the earlier share) get one more each until the total is reached.
 */
export function roundLargestRemainders(shares: readonly number[], total: number): number[] {
  const counts = shares.map(Math.floor);
  const order = shares
    .map((_, i) => i)
    .sort((a, b) => shares[b]! - counts[b]! - (shares[a]! - counts[a]!) || a - b);
  for (let left = total - counts.reduce((s, c) => s + c, 0), k = 0; left > 0; left--, k++) {
    const at = order[k % order.length]!;
    counts[at] = counts[at]! + 1;
  }
  return counts;
}

/** Groups examples by the split label their file gave them (unlabelled ones are left out). */
export function examplesBySplit(examples: readonly Example[]): DatasetSplits {
  return {
    train: examples.filter((e) => e.split === 'train'),
    val: examples.filter((e) => e.split === 'val'),
    test: examples.filter((e) => e.split === 'test'),
  };
}

/** How {@link labelSplits} cuts: train and val fractions (test gets what they leave) and the seed. */
export interface LabelSplitOptions {
  seed: number;
  train: number;
  val: number;
  /**
   * Examples that already carry a split keep it and only the others are cut (a file that labels
   * some examples itself); otherwise every example is labelled afresh.
   */
  keepLabels?: boolean;
}

/**
 * Labels examples train/val/test with {@link splitDataset}'s seeded shuffle and returns them in
 * their original order. `train` is clamped to [0, 1], `val` to what train leaves, and test gets the
 * rest (everything, when both are 0). This is the one split of the studio's dataset settings: the
 * studio labels its dataset with it and the command line labels a studio bundle's dataset with it,
 * so both train and validate on the same examples for the same settings.
 */
export function labelSplits(examples: readonly Example[], options: LabelSplitOptions): Example[] {
  const toCut = options.keepLabels ? examples.filter((e) => e.split === undefined) : examples;
  if (toCut.length === 0) return examples.map((e) => ({ ...e }));
  const train = Math.min(1, Math.max(0, options.train));
  const val = Math.min(1 - train, Math.max(0, options.val));
  const test = Math.max(0, 1 - train - val);
  const parts = splitDataset(toCut, { seed: options.seed, train, val, test });
  const label = new Map<string, Example['split']>();
  for (const group of [parts.train, parts.val, parts.test]) for (const e of group) label.set(e.id, e.split);
  return examples.map((e) => ({
    ...e,
    split: (options.keepLabels ? e.split : undefined) ?? label.get(e.id),
  }));
}
