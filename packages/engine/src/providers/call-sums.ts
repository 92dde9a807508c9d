/**
 * Calls, tokens and cost summed over call records: the one way the studio's views and reports and
 * the CLI's run results and checkpoints total a run's calls, so both hosts show the same figures.
 */
import type { CallRecord } from './types';

/** Calls, tokens and cost summed over some call records. */
export interface CallSums {
  calls: number;
  /** Answered from the response cache: counted as calls, costing nothing new. */
  cachedCalls: number;
  /** Failed after their retries (their records carry no usage and no cost). */
  failedCalls: number;
  /** Input tokens of every answer, cached ones included (what the workflow read). */
  inputTokens: number;
  /** Of `inputTokens`, those the provider served from its prompt cache. */
  cachedInputTokens: number;
  outputTokens: number;
  /** What the calls cost; an answer from the response cache costs nothing. */
  costUsd: number;
}

/** Zero sums. */
export function emptyCallSums(): CallSums {
  return {
    calls: 0,
    cachedCalls: 0,
    failedCalls: 0,
    inputTokens: 0,
    cachedInputTokens: 0,
    outputTokens: 0,
    costUsd: 0,
  };
}

/** Adds one call record to `sums`, in place (a host counting calls as they settle). */
export function addCallRecord(sums: CallSums, record: CallRecord): void {
  sums.calls++;
  if (record.cached) sums.cachedCalls++;
  if (record.error !== undefined) sums.failedCalls++;
  sums.inputTokens += record.usage.inputTokens;
  sums.cachedInputTokens += record.usage.cachedInputTokens ?? 0;
  sums.outputTokens += record.usage.outputTokens;
  // A cached record's cost is 0 when recorded; records from older bundles may say otherwise.
  if (!record.cached) sums.costUsd += record.costUsd;
}

/** The sums of `records`. */
export function sumCallRecords(records: Iterable<CallRecord>): CallSums {
  const sums = emptyCallSums();
  for (const record of records) addCallRecord(sums, record);
  return sums;
}
