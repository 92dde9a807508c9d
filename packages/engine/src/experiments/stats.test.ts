import { createRng, randomInt } from '../util/random';
import { bootstrapMean, mcnemarExact, pairedBootstrap } from './stats';

const passes = (pattern: string) => [...pattern].map((c) => c === '1');

describe('mcnemarExact', () => {
  it('gives the exact binomial p-value on the discordant pairs', () => {
    // 2 pairs favour A, 10 favour B: p = 2 * (C(12,0) + C(12,1) + C(12,2)) / 2^12 = 158 / 4096.
    const a = passes(`11${'0'.repeat(10)}1111`);
    const b = passes(`00${'1'.repeat(10)}1111`);
    const result = mcnemarExact(a, b);
    expect(result).toMatchObject({ onlyA: 2, onlyB: 10 });
    expect(result.p).toBeCloseTo(158 / 4096, 10);
    expect(mcnemarExact(b, a).p).toBeCloseTo(158 / 4096, 10);
  });

  it('caps at 1 when the discordant pairs split evenly, and is 1 without any', () => {
    expect(mcnemarExact(passes('1111100000'), passes('0000011111')).p).toBe(1);
    expect(mcnemarExact(passes('1010'), passes('1010'))).toEqual({ onlyA: 0, onlyB: 0, p: 1 });
  });

  it('matches the one-sided tail of 0 of 6 (p = 2 / 64)', () => {
    expect(mcnemarExact(passes('000000'), passes('111111')).p).toBeCloseTo(2 / 64, 12);
  });

  it('refuses outcomes of different lengths', () => {
    expect(() => mcnemarExact([true], [true, false])).toThrow(/differ in length/);
  });
});

describe('bootstrapMean', () => {
  it('agrees with the normal interval on a large 0/1 sample', () => {
    // 60 passes of 100: mean 0.6, standard error sqrt(0.24 / 100) = 0.049, so about 0.504..0.696.
    const values = [...Array(60).fill(1), ...Array(40).fill(0)];
    const ci = bootstrapMean(values, { seed: 7 });
    expect(ci.mean).toBeCloseTo(0.6, 12);
    expect(ci.low).toBeGreaterThan(0.49);
    expect(ci.low).toBeLessThan(0.52);
    expect(ci.high).toBeGreaterThan(0.68);
    expect(ci.high).toBeLessThan(0.71);
    expect(ci).toMatchObject({ level: 0.95, n: 100 });
  });

  it('is the same for the same seed, and narrower at a lower level', () => {
    const values = [0.2, 0.5, 0.9, 0.4, 0.7, 0.1];
    expect(bootstrapMean(values, { seed: 3 })).toEqual(bootstrapMean(values, { seed: 3 }));
    const wide = bootstrapMean(values, { seed: 3 });
    const narrow = bootstrapMean(values, { seed: 3, level: 0.5 });
    expect(narrow.high - narrow.low).toBeLessThan(wide.high - wide.low);
  });

  it('gives a zero-width interval for one value or constant values, and refuses none', () => {
    expect(bootstrapMean([0.8])).toEqual({ mean: 0.8, low: 0.8, high: 0.8, level: 0.95, n: 1 });
    const constant = bootstrapMean([0.5, 0.5, 0.5]);
    expect([constant.low, constant.high]).toEqual([0.5, 0.5]);
    expect(() => bootstrapMean([])).toThrow(/at least one value/);
  });
});

describe('pairedBootstrap', () => {
  it('finds a consistent improvement significant and no change not', () => {
    const a = [0.1, 0.4, 0.3, 0.8, 0.5, 0.2, 0.6, 0.9];
    const better = pairedBootstrap(
      a,
      a.map((x) => x + 0.1),
    );
    expect(better.difference.mean).toBeCloseTo(0.1, 12);
    expect(better.difference.low).toBeCloseTo(0.1, 12);
    expect(better.p).toBe(0);
    expect(pairedBootstrap(a, a).p).toBe(1);
  });

  it('does not call a noisy, centred difference significant', () => {
    const a = [1, 0, 1, 0, 1, 0, 1, 0, 1, 0];
    const b = [0, 1, 0, 1, 1, 0, 1, 0, 0, 1];
    const result = pairedBootstrap(a, b, { seed: 11 });
    expect(result.difference.mean).toBe(0);
    expect(result.p).toBeGreaterThan(0.5);
    expect(result.difference.low).toBeLessThan(0);
    expect(result.difference.high).toBeGreaterThan(0);
  });

  it('takes its interval and its p-value from one set of seeded resamples', () => {
    const a = [0.2, 0.9, 0.4, 0.4, 0.7, 0.1, 0.5, 0.3, 0.8, 0.6, 0.0];
    const b = [0.3, 0.7, 0.6, 0.4, 0.9, 0.2, 0.4, 0.6, 0.8, 0.5, 0.3];
    const options = { seed: 7, resamples: 2000 };
    const result = pairedBootstrap(a, b, options);
    const diffs = a.map((x, i) => b[i]! - x);
    // The interval is the bootstrap of the differences under the same seed.
    expect(result.difference).toEqual(bootstrapMean(diffs, options));
    // The p-value, resampled here by hand with the same generator: twice the smaller tail.
    const rng = createRng(7);
    let below = 0;
    let above = 0;
    for (let r = 0; r < 2000; r++) {
      let sum = 0;
      for (let i = 0; i < diffs.length; i++) sum += diffs[randomInt(rng, diffs.length)]!;
      if (sum / diffs.length <= 0) below++;
      if (sum / diffs.length >= 0) above++;
    }
    expect(result.p).toBe(Math.min(1, (2 * Math.min(below, above)) / 2000));
    expect(result.p).toBeGreaterThan(0);
    expect(result.p).toBeLessThan(1);
  });

  it('refuses samples of different lengths', () => {
    expect(() => pairedBootstrap([1, 2], [1])).toThrow(/differ in length/);
  });
});
