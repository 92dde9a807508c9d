import type { CallRecord, SessionEvent } from '@backflow/engine';
import { digestOf, type RunDigest } from './digest';

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
 * A run's curves read from its digest. The cumulative cost is summed from the call records up to
 * each iteration (`costFromCalls`, the default: the provider layer prices calls; the session's own
 * `totals.costUsd` stays 0 unless the host feeds records back through `RunContext.record`), or,
 * without records, taken from the session's totals.
 */
export function seriesOf(d: RunDigest, costFromCalls = true): MetricSeries {
  const points = [...d.iterations]
    .sort((a, b) => a.iteration - b.iteration)
    .map((it): MetricPoint => {
      const x = d.decisions.find((y) => y.iteration === it.iteration);
      return {
        iteration: it.iteration,
        trainScore: it.trainScore,
        valScore: it.valScore,
        accepted: x?.accepted ?? 0,
        rejected: x?.rejected ?? 0,
        failed: x?.failed.length ?? 0,
        cumulativeCalls: it.totals.calls,
        cumulativeTokens: it.totals.inputTokens + it.totals.outputTokens,
        cumulativeCostUsd: costFromCalls
          ? d.costs.filter((c) => c.iteration <= it.iteration).reduce((sum, c) => sum + c.costUsd, 0)
          : it.totals.costUsd,
      };
    });
  return { baselineValScore: d.baselineValScore, points };
}

/** Metric series per finished iteration of a run's events (with its call records' costs when given). */
export function metricSeries(events: readonly SessionEvent[], calls?: readonly CallRecord[]): MetricSeries {
  return seriesOf(digestOf(events, calls ?? []), calls !== undefined);
}
