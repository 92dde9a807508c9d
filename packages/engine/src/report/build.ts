import type { SessionSettings } from '../optim/settings';
import { summarizeBlame } from './blame-summary';
import type { ReportFold } from './fold';
import type { OptimizeReport, PromptChange, StopReason, Totals } from './optimize-report';
import { promptDiff } from './prompt-diff';

/**
 * What a report says beyond the session events, from the host's record of the run. The run's
 * settings come from its session state, so the algorithm, the seed and every setting are the ones
 * the session ran with (nothing is inferred from the events).
 */
export interface RunFacts {
  simulated: boolean;
  models: { forward: string; optimizer: string };
  workflow: { id: string; name: string; file: string };
  data: OptimizeReport['data'];
  /** The resolved settings of the session (`SessionState.settings`). */
  settings: SessionSettings;
  /** Every llm node's prompt when the run started and now. */
  initialPrompts: Record<string, string>;
  finalPrompts: Record<string, string>;
  totals: Totals;
  /** How many times the run was resumed from a checkpoint. */
  resumes: number;
  startedAt: string;
  finishedAt: string;
  /** Overrides the fold's stop reason (the session state's own, when it has ended). */
  stopReason?: StopReason | null;
  /** Overrides the fold's final validation score (one the session measured for the final prompts). */
  finalValScore?: number | null;
  /** The held-out test split's score with the final prompts, when the run had one. */
  test?: OptimizeReport['test'];
  /** The paper recipe the run followed, when it followed one. */
  recipe?: string;
}

/** Every llm node's prompt change from `before` to `after`, with its unified diff. */
export function promptChanges(
  before: Readonly<Record<string, string>>,
  after: Readonly<Record<string, string>>,
): PromptChange[] {
  return Object.keys(after).map((nodeId) => {
    const b = before[nodeId] ?? '';
    const a = after[nodeId] ?? '';
    return { nodeId, before: b, after: a, diff: promptDiff(nodeId, b, a) };
  });
}

/**
 * THE optimization report (`report.json`, the studio's export) from the fold of the run's events
 * and the host's facts. Both hosts call this, so the two reports cannot disagree.
 */
export function buildOptimizeReport(fold: ReportFold, facts: RunFacts): OptimizeReport {
  const baseline = fold.baselineTotals;
  const report: OptimizeReport = {
    format: 'backflow.optimize-report',
    version: 1,
    simulated: facts.simulated,
    models: facts.models,
    workflow: facts.workflow,
    data: facts.data,
    algorithm: facts.settings.algorithm,
    seed: facts.settings.seed,
    settings: { ...facts.settings },
    stopReason: facts.stopReason ?? fold.stopReason,
    initial: {
      valScore: fold.initialValScore,
      calls: baseline.calls,
      tokens: baseline.inputTokens + baseline.outputTokens,
      costUsd: baseline.costUsd,
    },
    iterations: fold.iterations,
    final: {
      valScore: facts.finalValScore ?? fold.finalValScore,
      prompts: facts.finalPrompts,
    },
    ...(facts.recipe !== undefined ? { recipe: facts.recipe } : {}),
    ...(facts.test !== undefined ? { test: facts.test } : {}),
    totals: facts.totals,
    resumes: facts.resumes,
    startedAt: facts.startedAt,
    finishedAt: facts.finishedAt,
    blameSummary: summarizeBlame(fold.blameDetails),
    promptChanges: promptChanges(facts.initialPrompts, facts.finalPrompts),
  };
  if (fold.budgetMessage !== null) report.budgetMessage = fold.budgetMessage;
  if (fold.gepa) report.gepa = fold.gepa;
  return report;
}
