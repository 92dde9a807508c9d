import type { CallRecord } from '@backflow/engine';

/** Calls, tokens and cost summed over some call records. */
export interface CallSums {
  calls: number;
  cachedCalls: number;
  failedCalls: number;
  inputTokens: number;
  /** Of `inputTokens`, those the provider served from its prompt cache. */
  cachedInputTokens: number;
  outputTokens: number;
  costUsd: number;
}

/** Call records by id, for O(1) lookups from the ids that events carry. */
export function indexCalls(calls: readonly CallRecord[]): ReadonlyMap<string, CallRecord> {
  return new Map(calls.map((c) => [c.callId, c]));
}

/** Sums the records; cached answers count as calls but (like the engine's totals) cost nothing new. */
export function sumCalls(calls: Iterable<CallRecord>): CallSums {
  const out: CallSums = {
    calls: 0,
    cachedCalls: 0,
    failedCalls: 0,
    inputTokens: 0,
    cachedInputTokens: 0,
    outputTokens: 0,
    costUsd: 0,
  };
  for (const c of calls) {
    out.calls++;
    if (c.cached) out.cachedCalls++;
    if (c.error !== undefined) out.failedCalls++;
    out.inputTokens += c.usage.inputTokens;
    out.cachedInputTokens += c.usage.cachedInputTokens ?? 0;
    out.outputTokens += c.usage.outputTokens;
    if (!c.cached) out.costUsd += c.costUsd;
  }
  return out;
}

/** The records for these ids that exist (ids without a record are skipped, e.g. not yet persisted). */
export function recordsFor(index: ReadonlyMap<string, CallRecord>, ids: Iterable<string>): CallRecord[] {
  const out: CallRecord[] = [];
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) continue;
    seen.add(id);
    const rec = index.get(id);
    if (rec) out.push(rec);
  }
  return out;
}

/**
 * The iteration a call belongs to, read from its `callKey`: the session keys every call
 * `it<N>/...`, and the baseline validation `base/...` (iteration 0). Undefined for calls made
 * outside a session (no key).
 */
export function callIteration(record: CallRecord): number | undefined {
  const key = record.callKey ?? '';
  if (key.startsWith('base/')) return 0;
  const m = /^it(\d+)\//.exec(key);
  return m ? Number(m[1]) : undefined;
}
