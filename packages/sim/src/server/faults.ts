/**
 * Seeded fault injection. One draw per chat completion, in arrival order, decides its fault; a
 * separate stream of draws gives the latency jitter, so changing the latency never changes which
 * requests fail.
 */
import { createRng } from '../engine';
import type { FaultKind, FaultRates, SimServerOptions } from './types';

/** Each kind of fault: its field in {@link FaultRates}, and its share of a single total rate. */
const KINDS: [FaultKind, Exclude<keyof FaultRates, 'retryAfterSeconds'>, number][] = [
  ['429', 'rate429', 0.3],
  ['500', 'rate500', 0.25],
  ['hang', 'rateHang', 0.15],
  ['truncate', 'rateTruncate', 0.15],
  ['malformed', 'rateMalformed', 0.15],
];

/** Per-kind rates from the server options (a number is split across the kinds). */
export function resolveFaults(faults: SimServerOptions['faults']): FaultRates {
  const split = typeof faults === 'number' ? clampRate(faults) : undefined;
  const given = typeof faults === 'number' ? undefined : faults;
  const rates = { retryAfterSeconds: Math.max(0, given?.retryAfterSeconds ?? 1) } as FaultRates;
  for (const [, key, share] of KINDS)
    rates[key] = split === undefined ? clampRate(given?.[key] ?? 0) : split * share;
  const total = KINDS.reduce((sum, [, key]) => sum + rates[key], 0);
  // A split total is at most 1 by construction (its float sum may exceed 1 by a rounding error).
  if (split === undefined && total > 1) throw new RangeError(`fault rates add up to ${total}, more than 1`);
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
  const table = KINDS.map(([kind, key]) => [kind, rates[key]] as const);
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
