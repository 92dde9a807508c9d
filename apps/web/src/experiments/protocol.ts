/** Messages between the Experiments view and the experiment host (its Worker, or inline). */
import type {
  ExperimentProgress,
  ExperimentRun,
  ExperimentSummary,
  ProviderSettings,
} from '@backflow/engine';

/** Runs (or resumes) the stored experiment `experimentId` from database `dbName`; stops it. */
export type ExperimentCommand =
  | { type: 'start'; experimentId: string; dbName: string; provider: ProviderSettings }
  | { type: 'abort'; experimentId: string };

/**
 * The engine's summary of a grid's finished runs, `keys` ("arm@seed") in the order it was computed
 * over. The host computes it: its bootstraps take from milliseconds to seconds as the grid grows,
 * and on the page they froze every frame in which a run finished. `partial`: without the
 * comparisons between arms (sent with each run; the grid's end brings the full one).
 */
export interface FinishedSummary {
  keys: string[];
  summary: ExperimentSummary;
  partial: boolean;
}

/**
 * What the host reports: progress after every unit, each stored run (with the partial summary of
 * every finished run of the grid so far, this one included), and how the grid ended (with the full
 * summary of its finished runs).
 */
export type ExperimentMessage =
  | { type: 'progress'; experimentId: string; progress: ExperimentProgress }
  | { type: 'run'; experimentId: string; run: ExperimentRun; finished: FinishedSummary }
  | {
      type: 'ended';
      experimentId: string;
      stopped: null | 'aborted' | 'budgetExhausted';
      models: { forward: string; optimizer: string; simulated: boolean };
      finished: FinishedSummary;
    }
  | { type: 'failed'; experimentId: string; message: string };
