/**
 * The run report the studio exports: the engine's optimization report format
 * (`backflow.optimize-report`, version 1, packages/engine/src/report/optimize-report.ts, shared
 * with the CLI's report.json) plus studio-only fields, only ever added, never renamed, so tools
 * reading the CLI report read this one too.
 */
import type { OptimizeReport, StopReason } from '@backflow/engine';
import type { NodeBlameSummary } from '../derive/blame';
import type { MetricPoint } from '../derive/metrics';
import type { RunSummary } from '../derive/summary';

/** Call totals of a run, as in the CLI report. */
export type { IterationReport, Totals as ReportTotals, UpdateReport } from '@backflow/engine';
/** Why the optimization stopped. */
export type ReportStopReason = StopReason;

/** A node's prompt at the start and at the end, with the unified diff between them. */
export interface PromptChange {
  nodeId: string;
  before: string;
  after: string;
  diff: string;
}

/** The whole report: the CLI's fields, then the studio's additions. */
export interface RunReport extends Omit<OptimizeReport, 'stopReason'> {
  /** Null only when exported while the run is still going. */
  stopReason: ReportStopReason | null;
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
