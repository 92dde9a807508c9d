/**
 * Seeded fault injection. One draw per chat completion, in arrival order, decides its fault; a
 * separate stream of draws gives the latency jitter, so changing the latency never changes which
 * requests fail.
 */
import { createRng } from '../engine';
import type { FaultKind, FaultRates, SimServerOptions } from './types';

/** How a single total fault rate is split across the kinds. */
const SPLIT: Record<FaultKind, number> = {
  '429': 0.3,
  '500': 0.25,
  hang: 0.15,
  truncate: 0.15,
  malformed: 0.15,
};

/** Per-kind rates from the server options (a number is split across the kinds). */
export function resolveFaults(faults: SimServerOptions['faults']): FaultRates {
  if (typeof faults === 'number') {
    const total = clampRate(faults);
    return {
      rate429: total * SPLIT['429'],
      retryAfterSeconds: 1,
      rate500: total * SPLIT['500'],
      rateHang: total * SPLIT.hang,
      rateTruncate: total * SPLIT.truncate,
      rateMalformed: total * SPLIT.malformed,
    };
  }
  const rates: FaultRates = {
    rate429: clampRate(faults?.rate429 ?? 0),
    retryAfterSeconds: Math.max(0, faults?.retryAfterSeconds ?? 1),
    rate500: clampRate(faults?.rate500 ?? 0),
    rateHang: clampRate(faults?.rateHang ?? 0),
    rateTruncate: clampRate(faults?.rateTruncate ?? 0),
    rateMalformed: clampRate(faults?.rateMalformed ?? 0),
  };
  const total = rates.rate429 + rates.rate500 + rates.rateHang + rates.rateTruncate + rates.rateMalformed;
  if (total > 1) throw new RangeError(`fault rates add up to ${total}, more than 1`);
  return rates;
}

function clampRate(rate: number): number {
  if (!Number.isFinite(rate) || rate < 0 || rate > 1)
    throw new RangeError(`a fault rate must be in [0, 1], got ${rate}`);
  return rate;
}

export interface FaultPicker {
  /** The fault of the next chat completion, or null. */
  nextFault(): FaultKind | null;
  /** The delay before the next answer: latency plus seeded jitter. */
  nextDelayMs(): number;
}

/** Creates the seeded picker for one server. */
export function createFaultPicker(
  rates: FaultRates,
  latencyMs: number,
  jitterMs: number,
  seed: number,
): FaultPicker {
  const faultRng = createRng(seed);
  const jitterRng = createRng(seed ^ 0x9e3779b9);
  const table: [FaultKind, number][] = [
    ['429', rates.rate429],
    ['500', rates.rate500],
    ['hang', rates.rateHang],
    ['truncate', rates.rateTruncate],
    ['malformed', rates.rateMalformed],
  ];
  return {
    nextFault() {
      let u = faultRng.next();
      for (const [kind, rate] of table) {
        if (u < rate) return kind;
        u -= rate;
      }
      return null;
    },
    nextDelayMs() {
      return Math.max(0, latencyMs) + (jitterMs > 0 ? jitterRng.next() * jitterMs : 0);
    },
  };
}
