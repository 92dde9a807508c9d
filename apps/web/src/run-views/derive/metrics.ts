import type { CallRecord, SessionEvent } from '@backflow/engine';
import { callIteration, sumCalls } from './calls';
import { eventsOfType } from './events';

/** One point of the run's curves (one finished iteration). */
export interface MetricPoint {
  iteration: number;
  /** Mean minibatch score with the prompts the iteration started with, [0, 1]. */
  trainScore: number;
  /** Validation score after the iteration, [0, 1]; null when not measured. */
  valScore: number | null;
  /** Proposals the gate let in / kept out; proposals that failed to produce a prompt. */
  accepted: number;
  rejected: number;
  failed: number;
  /** Cumulative run totals at the end of the iteration. */
  cumulativeCalls: number;
  cumulativeTokens: number;
  cumulativeCostUsd: number;
}

/** The run's curves plus the baseline validation score (before any update). */
export interface MetricSeries {
  baselineValScore: number | null;
  points: MetricPoint[];
}

/**
 * Metric series per finished iteration, derived from `iterationDone`, `gateDecided` and friends.
 * With `calls`, the cumulative cost is summed from the call records up to each iteration (the
 * provider layer prices calls; the session's own `totals.costUsd` stays 0 unless the host feeds
 * records back through `RunContext.record`); without them it is the session's totals.
 */
export function metricSeries(events: readonly SessionEvent[], calls?: readonly CallRecord[]): MetricSeries {
  const costUpTo = (iteration: number, fallback: number) =>
    calls === undefined
      ? fallback
      : sumCalls(calls.filter((c) => (callIteration(c) ?? Number.POSITIVE_INFINITY) <= iteration)).costUsd;
  const baseline = eventsOfType(events, 'validationScored').find((e) => e.reason === 'baseline');
  const done = new Map<number, Extract<SessionEvent, { type: 'iterationDone' }>>();
  for (const e of eventsOfType(events, 'iterationDone')) done.set(e.iteration, e);
  const points = [...done.values()]
    .sort((a, b) => a.iteration - b.iteration)
    .map((d): MetricPoint => {
      const inIteration = events.filter((e) => e.iteration === d.iteration);
      let accepted = 0;
      let rejected = 0;
      for (const g of eventsOfType(inIteration, 'gateDecided')) {
        if (g.accepted) accepted += g.nodeIds.length;
        else rejected += g.nodeIds.length;
      }
      // A person's rejection never reaches the gate: count it as rejected too.
      rejected += eventsOfType(inIteration, 'updateDecided').filter(
        (e) => e.decision.action === 'reject',
      ).length;
      const failed = new Set(eventsOfType(inIteration, 'updateFailed').map((e) => e.nodeId)).size;
      return {
        iteration: d.iteration,
        trainScore: d.trainScore,
        valScore: d.valScore ?? null,
        accepted,
        rejected,
        failed,
        cumulativeCalls: d.totals.calls,
        cumulativeTokens: d.totals.inputTokens + d.totals.outputTokens,
        cumulativeCostUsd: costUpTo(d.iteration, d.totals.costUsd),
      };
    });
  return { baselineValScore: baseline?.score ?? null, points };
}
