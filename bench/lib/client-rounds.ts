/**
 * What a round of calls costs this client, measured: k calls sent together through the same
 * provider stack the iteration uses (SDK, fetch, retries, limiter), against the same endpoint, for
 * k = 1..concurrency. At 50 ms latency a round takes more than 50 ms because every call costs the
 * client CPU (building the request, Node's fetch, parsing the answer) and the answers of one round
 * arrive together, so the last waits for the others' processing. Phase bounds priced with these
 * round times (bounds.ts, RoundTime) separate what the machine's client costs from what the
 * scheduler loses. An estimate, not a strict bound: an iteration's calls arrive staggered, which
 * spreads their client work better than calls sent together.
 */
import type { ChatModel, ChatRequest } from '@backflow/engine';
import type { RoundTime } from './bounds';
import { median } from './stats';

/** Median round time (ms) for each number of calls in flight, 1..concurrency. */
export interface ClientRounds {
  /** `roundMs[k - 1]` is the median time of a round of k calls sent together. */
  roundMs: number[];
  /** The same, as a RoundTime for phaseBound. */
  roundTime: RoundTime;
}

/** A forward-sized request, unkeyed so nothing caches or journals it. */
function sampleRequest(i: number): ChatRequest {
  return {
    messages: [
      { role: 'system', content: 'Convert the text to upper case. Keep every word, in order.' },
      { role: 'user', content: `round trip probe ${i}: the quick brown fox jumps over the lazy dog` },
    ],
    meta: { purpose: 'test' },
  };
}

/**
 * Measures {@link ClientRounds} on `model` with `rounds` timed rounds per k, after `warmup`
 * untimed ones (the first calls of a fresh client open connections and warm the JIT).
 */
export async function measureClientRounds(
  model: ChatModel,
  concurrency: number,
  options: { rounds?: number; warmup?: number; now?: () => number } = {},
): Promise<ClientRounds> {
  const { rounds = 12, warmup = 3, now = () => performance.now() } = options;
  const roundMs: number[] = [];
  let sent = 0;
  const round = async (k: number) => {
    const started = now();
    await Promise.all(Array.from({ length: k }, () => model.complete(sampleRequest(sent++))));
    return now() - started;
  };
  for (let k = 1; k <= concurrency; k++) {
    for (let w = 0; w < warmup; w++) await round(k);
    const times: number[] = [];
    for (let r = 0; r < rounds; r++) times.push(await round(k));
    roundMs.push(median(times));
  }
  return {
    roundMs,
    roundTime: (inFlight) =>
      roundMs[Math.min(concurrency, Math.max(1, Math.round(inFlight))) - 1] ?? Number.NaN,
  };
}
