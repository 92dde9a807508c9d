/**
 * The run report the studio exports: the engine's optimization report
 * (`backflow.optimize-report`, version 1, packages/engine/src/report/, the CLI's report.json, built
 * by the same fold and builder) plus studio-only fields, only ever added, never renamed, so tools
 * reading the CLI report read this one too.
 */
import type { OptimizeReport } from '@backflow/engine';
import type { MetricPoint } from '../derive/metrics';
import type { RunSummary } from '../derive/summary';

export type {
  IterationReport,
  PromptChange,
  Totals as ReportTotals,
  UpdateReport,
} from '@backflow/engine';

/** The whole report: the engine's fields, then the studio's additions. */
export interface RunReport extends OptimizeReport {
  /** Which program wrote the report. */
  generator: 'backflow-studio';
  /** Where the run stood when exported (a finished run is "completed", "earlyStop" or "budgetExhausted"). */
  status: RunSummary['status'];
  /** One point per finished iteration (train, validation, accepted/rejected, cumulative cost). */
  curves: MetricPoint[];
}
