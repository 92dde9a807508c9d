/**
 * The statistics an experiment reports: a mean with a seeded percentile-bootstrap interval, a
 * paired bootstrap test between two arms on the same test examples, and McNemar's exact test for
 * pass/fail outcomes. Seeded (util/random.ts), so a report is the same on every machine.
 */
import { binomialDistribution, mean, quantileSorted } from 'simple-statistics';
import { createRng, randomInt } from '../util/random';

/** A point estimate with a two-sided confidence interval. */
export interface Interval {
  mean: number;
  low: number;
  high: number;
  /** Confidence level, e.g. 0.95. */
  level: number;
  /** Number of values the estimate rests on. */
  n: number;
}

/** Options of the resampling methods. */
export interface BootstrapOptions {
  /** Resamples drawn (default 10,000). */
  resamples?: number;
  /** Confidence level (default 0.95). */
  level?: number;
  /** Seed of the resampling (default 1). */
  seed?: number;
}

const DEFAULT_RESAMPLES = 10_000;

/**
 * The mean of `values` with a percentile-bootstrap interval. One value gives a zero-width
 * interval (nothing to resample); no values throw, since an arm without runs has no mean.
 */
export function bootstrapMean(values: readonly number[], options: BootstrapOptions = {}): Interval {
  if (values.length === 0) throw new Error('bootstrapMean needs at least one value.');
  return intervalOf(values, values.length === 1 ? [] : resampledMeans(values, options), options);
}

/** The interval of `values` from their resampled means (sorted here, in place). */
function intervalOf(values: readonly number[], means: number[], options: BootstrapOptions): Interval {
  const level = options.level ?? 0.95;
  const centre = mean([...values]);
  // One value: nothing to resample, a zero-width interval.
  if (values.length === 1) return { mean: centre, low: centre, high: centre, level, n: 1 };
  return { mean: centre, ...percentiles(means, level), level, n: values.length };
}

/** Result of a paired comparison of arm B against arm A on the same items. */
export interface PairedTest {
  /** Mean of b - a over the items, with its bootstrap interval. */
  difference: Interval;
  /**
   * Two-sided bootstrap p-value: twice the share of resampled mean differences on the far side
   * of zero (capped at 1), the usual percentile-bootstrap test of "no difference".
   */
  p: number;
}

/**
 * Paired bootstrap of the mean difference `b[i] - a[i]` (the same test examples scored under two
 * arms). Throws when the two lists differ in length or are empty.
 */
export function pairedBootstrap(
  a: readonly number[],
  b: readonly number[],
  options: BootstrapOptions = {},
): PairedTest {
  if (a.length !== b.length) throw new Error(`paired samples differ in length: ${a.length} vs ${b.length}.`);
  const diffs = a.map((x, i) => b[i]! - x);
  if (diffs.length === 0) throw new Error('bootstrapMean needs at least one value.');
  if (diffs.length === 1) return { difference: intervalOf(diffs, [], options), p: 1 };
  // One set of resamples gives both the interval and the p-value: drawing them twice from the
  // same seed gave the same means at twice the cost (a 9-arm grid's pairs took seconds).
  const means = resampledMeans(diffs, options);
  let below = 0;
  let above = 0;
  for (const m of means) {
    if (m <= 0) below++;
    if (m >= 0) above++;
  }
  const p = Math.min(1, (2 * Math.min(below, above)) / means.length);
  return { difference: intervalOf(diffs, means, options), p };
}

/** McNemar's test on paired pass/fail outcomes. */
export interface McNemarTest {
  /** Items that A passes and B fails. */
  onlyA: number;
  /** Items that B passes and A fails. */
  onlyB: number;
  /** Exact two-sided p-value (binomial on the discordant pairs, p = 0.5). */
  p: number;
}

/**
 * McNemar's exact test: under "no difference" each discordant pair is equally likely to favour
 * either arm, so the smaller discordant count is binomial(b + c, 0.5); the two-sided p-value is
 * twice its lower tail, capped at 1. No discordant pair gives p = 1.
 */
export function mcnemarExact(a: readonly boolean[], b: readonly boolean[]): McNemarTest {
  if (a.length !== b.length) throw new Error(`paired outcomes differ in length: ${a.length} vs ${b.length}.`);
  let onlyA = 0;
  let onlyB = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] && !b[i]) onlyA++;
    else if (!a[i] && b[i]) onlyB++;
  }
  const discordant = onlyA + onlyB;
  if (discordant === 0) return { onlyA, onlyB, p: 1 };
  const pmf = binomialDistribution(discordant, 0.5) ?? [];
  const k = Math.min(onlyA, onlyB);
  let tail = 0;
  for (let i = 0; i <= k; i++) tail += pmf[i] ?? 0;
  return { onlyA, onlyB, p: Math.min(1, 2 * tail) };
}

/** The means of `resamples` seeded resamples (with replacement) of `values`. */
function resampledMeans(values: readonly number[], options: BootstrapOptions): number[] {
  const rng = createRng(options.seed ?? 1);
  const n = values.length;
  const count = options.resamples ?? DEFAULT_RESAMPLES;
  const out = new Array<number>(count);
  for (let r = 0; r < count; r++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += values[randomInt(rng, n)]!;
    out[r] = sum / n;
  }
  return out;
}

function percentiles(values: number[], level: number): { low: number; high: number } {
  const sorted = values.sort((x, y) => x - y);
  const alpha = (1 - level) / 2;
  return { low: quantileSorted(sorted, alpha), high: quantileSorted(sorted, 1 - alpha) };
}
