/**
 * The run report the studio exports. It is the CLI's `report.json` (`backflow.optimize-report`,
 * version 1; docs/cli.md, apps/cli/src/report/report-types.ts) restated here because the studio
 * does not import the CLI, plus studio-only fields that the CLI schema does not have (only ever
 * added, never renamed, so tools reading the CLI report read this one too).
 */

import type { NodeBlameSummary } from '../derive/blame';
import type { MetricPoint } from '../derive/metrics';
import type { RunSummary } from '../derive/summary';

/** One prompt update proposed for a node during an iteration, and whether the gate kept it. */
export interface UpdateReport {
  nodeId: string;
  accepted: boolean;
  before: string;
  after: string;
  /** Unified diff from `before` to `after` ("" when equal). */
  diff: string;
  reason?: string;
}

/** One optimization iteration. */
export interface IterationReport {
  index: number;
  trainScore: number;
  valScore: number | null;
  /** Per node id, in [0, 1]: the engine's blame figure (docs/algorithms.md, "Blame"). */
  blame: Record<string, number>;
  updates: UpdateReport[];
  failedUpdates: { nodeId: string; error: string }[];
  calls: number;
  tokens: number;
  costUsd: number;
}

/** Calls, tokens and cost summed over a span of work. */
export interface ReportTotals {
  calls: number;
  cachedCalls: number;
  failedCalls: number;
  tokens: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  wallMs: number;
}

/** Why the optimization stopped (null only when exported while the run is still going). */
export type ReportStopReason = 'completed' | 'earlyStop' | 'budgetExhausted';

/** A node's prompt at the start and at the end, with the unified diff between them. */
export interface PromptChange {
  nodeId: string;
  before: string;
  after: string;
  diff: string;
}

/** The whole report: the CLI's fields, then the studio's additions. */
export interface RunReport {
  format: 'backflow.optimize-report';
  version: 1;
  simulated: boolean;
  models: { forward: string; optimizer: string };
  workflow: { id: string; name: string; file: string };
  data: { file: string; valFile?: string; trainExamples: number; valExamples: number };
  algorithm: 'gtbp' | 'sembp' | 'textgrad';
  seed: number;
  settings: Record<string, unknown>;
  stopReason: ReportStopReason | null;
  initial: { valScore: number | null; calls: number; tokens: number; costUsd: number };
  iterations: IterationReport[];
  final: { valScore: number | null; prompts: Record<string, string> };
  totals: ReportTotals;
  resumes: number;
  startedAt: string;
  finishedAt: string;
  // Studio additions ----------------------------------------------------------------------------
  /** Which program wrote the report. */
  generator: 'backflow-studio';
  /** Where the run stood when exported (a finished run is "completed", "earlyStop" or "budgetExhausted"). */
  status: RunSummary['status'];
  /** One point per finished iteration (train, validation, accepted/rejected, cumulative cost). */
  curves: MetricPoint[];
  /** Every llm node's prompt from the start of the run to the end, with its diff. */
  promptChanges: PromptChange[];
  /** Per-node blame over the run, highest mean first. */
  blameSummary: NodeBlameSummary[];
  /** The budget stop's sentence, when the budget stopped the run. */
  budgetMessage?: string;
}
