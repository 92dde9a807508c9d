import type { AlgorithmName, CallRecord, SessionEvent, SessionSettings, Workflow } from '@backflow/engine';
import { promptDiff, tallyAnswers } from '@backflow/engine';
import { blameSummary } from '../derive/blame';
import { callIteration, sumCalls } from '../derive/calls';
import { eventsOfType } from '../derive/events';
import { metricSeries } from '../derive/metrics';
import { runSummary } from '../derive/summary';
import { iterationReports } from './iterations';
import type { PromptChange, RunReport } from './report-types';
import { scrubSecrets } from './secrets';

/** What the events do not carry and the host knows (the run record); every field is optional. */
export interface RunReportContext {
  /** The resolved session settings (from the run record or the checkpoint). */
  settings?: SessionSettings;
  models?: { forward: string; optimizer: string };
  /** Defaults to "a call was answered by the simulator" (model `backflow-sim`). */
  simulated?: boolean;
  data?: RunReport['data'];
  /** File name the workflow is known by (default `<id>.json`). */
  workflowFile?: string;
  startedAt?: string;
  finishedAt?: string;
  resumes?: number;
}

const SIM_MODEL = 'backflow-sim';

/** The algorithm: from the settings, else from the kind of backward signals the run produced. */
export function inferAlgorithm(events: readonly SessionEvent[], settings?: SessionSettings): AlgorithmName {
  if (settings) return settings.algorithm;
  for (const e of eventsOfType(events, 'backwardNode')) {
    for (const s of [...e.emitted, ...e.received, ...(e.promptSignals ?? [])]) {
      if (s.kind === 'target') return 'gtbp';
      if (s.kind === 'criticism') return 'textgrad';
      if (s.kind === 'gradient' || s.kind === 'comment') return 'sembp';
    }
  }
  return 'sembp';
}

function llmPrompts(workflow: Workflow): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of workflow.nodes) if (n.kind === 'llm') out[n.id] = n.systemPrompt;
  return out;
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

/**
 * Builds the run report (the CLI's `report.json` schema plus studio fields) from a run's events,
 * its call records and the workflow before and after. API keys never appear: the result is
 * scrubbed of key-like fields and credential-looking strings.
 */
export function buildRunReport(
  events: readonly SessionEvent[],
  calls: readonly CallRecord[],
  workflowBefore: Workflow,
  workflowAfter: Workflow,
  context: RunReportContext = {},
): RunReport {
  const summary = runSummary(events, calls);
  const before = llmPrompts(workflowBefore);
  const after = llmPrompts(workflowAfter);
  const promptChanges: PromptChange[] = Object.keys(after).map((nodeId) => {
    const b = before[nodeId] ?? '';
    const a = after[nodeId] ?? '';
    return { nodeId, before: b, after: a, diff: promptDiff(nodeId, b, a) };
  });
  const baseline = sumCalls(calls.filter((c) => callIteration(c) === 0));
  const all = sumCalls(calls);
  const done = eventsOfType(events, 'runDone').at(-1);
  const exhausted = eventsOfType(events, 'budgetExhausted').at(-1);
  const firstCall = calls.reduce((m, c) => Math.min(m, c.startedAt), Number.POSITIVE_INFINITY);
  const lastCall = calls.reduce((m, c) => Math.max(m, c.startedAt + c.latencyMs), 0);
  const iso = (ms: number) => new Date(Number.isFinite(ms) && ms > 0 ? ms : 0).toISOString();
  // Without the host's data record, the validation size is what the baseline scored; the training
  // size is unknown from events alone (minibatches are samples of it), so it stays 0.
  const valExamples = eventsOfType(events, 'validationScored')[0]?.scores.length ?? 0;
  const report: RunReport = {
    format: 'backflow.optimize-report',
    version: 1,
    simulated: context.simulated ?? calls.some((c) => c.model === SIM_MODEL),
    models: context.models ?? { forward: modelOf(calls, 'forward'), optimizer: modelOf(calls, 'optimizer') },
    workflow: {
      id: workflowBefore.id,
      name: workflowBefore.name,
      file: context.workflowFile ?? `${workflowBefore.id}.json`,
    },
    data: context.data ?? { file: 'studio dataset', trainExamples: 0, valExamples },
    algorithm: inferAlgorithm(events, context.settings),
    seed: context.settings?.seed ?? 0,
    settings: { ...(context.settings ?? {}) },
    stopReason: done?.reason ?? (exhausted ? 'budgetExhausted' : null),
    initial: {
      valScore: summary.baselineValScore,
      calls: baseline.calls,
      tokens: baseline.inputTokens + baseline.outputTokens,
      costUsd: baseline.costUsd,
    },
    iterations: iterationReports(events, calls),
    final: { valScore: done ? (done.valScore ?? null) : summary.valScore, prompts: after },
    totals: {
      calls: all.calls,
      cachedCalls: all.cachedCalls,
      failedCalls: all.failedCalls,
      tokens: all.inputTokens + all.outputTokens,
      inputTokens: all.inputTokens,
      outputTokens: all.outputTokens,
      costUsd: all.costUsd,
      wallMs: wallMs(calls),
      answers: tallyAnswers(calls),
    },
    resumes: context.resumes ?? 0,
    startedAt: context.startedAt ?? iso(firstCall),
    finishedAt: context.finishedAt ?? iso(lastCall),
    generator: 'backflow-studio',
    status: summary.status,
    curves: metricSeries(events, calls).points,
    promptChanges,
    blameSummary: blameSummary(events),
    ...(summary.budgetStop ? { budgetMessage: summary.budgetStop.message } : {}),
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
  return best === SIM_MODEL ? 'Simulated model (offline)' : (best ?? 'unknown');
}
