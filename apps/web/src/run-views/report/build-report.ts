import type {
  CallRecord,
  CallTotals,
  SessionEvent,
  SessionSettings,
  TestSplitScore,
  Workflow,
} from '@backflow/engine';
import { buildOptimizeReport, foldReport, promptsOf, sumCallRecords, tallyAnswers } from '@backflow/engine';
import { SIM_MODEL_NAME, SIMULATED_LABEL } from '../../settings/provider-settings';
import { callIteration } from '../derive/calls';
import { metricSeries } from '../derive/metrics';
import { runSummary } from '../derive/summary';
import type { RunReport } from './report-types';
import { scrubSecrets } from './secrets';

/** What the studio's record of a run says beyond its events (from its checkpoint and run row). */
export interface StudioRunFacts {
  /** The session's resolved settings (`SessionState.settings`). */
  settings: SessionSettings;
  trainExamples: number;
  valExamples: number;
  /** How many times the run was resumed from a checkpoint. */
  resumes: number;
  /** Epoch ms. */
  startedAt: number;
  /** The held-out test split's score with the final prompts, when the run had one (report `test`). */
  test?: TestSplitScore;
}

/** What the report needs beyond the events and calls: the run's facts, and optional labels. */
export interface RunReportContext {
  facts: StudioRunFacts;
  models?: { forward: string; optimizer: string };
  /** Defaults to "a call was answered by the simulator" (model `backflow-sim`). */
  simulated?: boolean;
  /** The dataset's name (default "studio dataset"). */
  dataFile?: string;
  /** File name the workflow is known by (default `<id>.json`). */
  workflowFile?: string;
  /** Default: when the last call ended (or the start, before any call). */
  finishedAt?: string;
}

function wallMs(calls: readonly CallRecord[]): number {
  if (calls.length === 0) return 0;
  let start = Number.POSITIVE_INFINITY;
  let end = 0;
  for (const c of calls) {
    start = Math.min(start, c.startedAt);
    end = Math.max(end, c.startedAt + c.latencyMs);
  }
  return Math.max(0, end - start);
}

/** The call totals up to the end of each iteration, from the records' `it<N>/` keys (0: the baseline). */
function cumulativeByIteration(calls: readonly CallRecord[]): (event: SessionEvent) => CallTotals {
  const memo = new Map<number, CallTotals>();
  return (event) => {
    const hit = memo.get(event.iteration);
    if (hit) return hit;
    const s = sumCallRecords(calls.filter((c) => (callIteration(c) ?? 0) <= event.iteration));
    const totals = {
      calls: s.calls,
      inputTokens: s.inputTokens,
      outputTokens: s.outputTokens,
      costUsd: s.costUsd,
    };
    memo.set(event.iteration, totals);
    return totals;
  };
}

/**
 * Builds the run report (the engine's `backflow.optimize-report`, folded and assembled by the
 * engine exactly as the CLI's report.json, plus studio fields) from a run's events, its call
 * records, the workflow before and after, and the run's facts. API keys never appear: the result
 * is scrubbed of key-like fields and credential-looking strings.
 */
export function buildRunReport(
  events: readonly SessionEvent[],
  calls: readonly CallRecord[],
  workflowBefore: Workflow,
  workflowAfter: Workflow,
  context: RunReportContext,
): RunReport {
  const { facts } = context;
  const summary = runSummary(events, calls);
  const all = sumCallRecords(calls);
  const lastCall = calls.reduce((m, c) => Math.max(m, c.startedAt + c.latencyMs), facts.startedAt);
  const fold = foldReport(events, cumulativeByIteration(calls));
  const core = buildOptimizeReport(fold, {
    simulated: context.simulated ?? calls.some((c) => c.model === SIM_MODEL_NAME),
    models: context.models ?? { forward: modelOf(calls, 'forward'), optimizer: modelOf(calls, 'optimizer') },
    workflow: {
      id: workflowBefore.id,
      name: workflowBefore.name,
      file: context.workflowFile ?? `${workflowBefore.id}.json`,
    },
    data: {
      file: context.dataFile ?? 'studio dataset',
      trainExamples: facts.trainExamples,
      valExamples: facts.valExamples,
    },
    settings: facts.settings,
    initialPrompts: promptsOf(workflowBefore),
    finalPrompts: promptsOf(workflowAfter),
    totals: {
      calls: all.calls,
      cachedCalls: all.cachedCalls,
      failedCalls: all.failedCalls,
      tokens: all.inputTokens + all.outputTokens,
      inputTokens: all.inputTokens,
      cachedInputTokens: all.cachedInputTokens,
      outputTokens: all.outputTokens,
      costUsd: all.costUsd,
      wallMs: wallMs(calls),
      answers: tallyAnswers(calls),
    },
    resumes: facts.resumes,
    startedAt: new Date(facts.startedAt).toISOString(),
    finishedAt: context.finishedAt ?? new Date(lastCall).toISOString(),
    ...(facts.test ? { test: { ...facts.test, file: context.dataFile ?? 'studio dataset' } } : {}),
  });
  const report: RunReport = {
    ...core,
    generator: 'backflow-studio',
    status: summary.status,
    curves: metricSeries(events, calls).points,
  };
  return scrubSecrets(report);
}

/** The model most calls of that side used ("forward" calls vs every other purpose). */
function modelOf(calls: readonly CallRecord[], side: 'forward' | 'optimizer'): string {
  const counts = new Map<string, number>();
  for (const c of calls) {
    if ((c.purpose === 'forward') !== (side === 'forward')) continue;
    counts.set(c.model, (counts.get(c.model) ?? 0) + 1);
  }
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  return best === SIM_MODEL_NAME ? SIMULATED_LABEL : (best ?? 'unknown');
}
