import type { CallRecord } from '@backflow/engine';

/** Call records by id, for O(1) lookups from the ids that events carry. */
export function indexCalls(calls: readonly CallRecord[]): ReadonlyMap<string, CallRecord> {
  return new Map(calls.map((c) => [c.callId, c]));
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
