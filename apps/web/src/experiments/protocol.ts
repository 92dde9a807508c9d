/** Messages between the Experiments view and the experiment host (its Worker, or inline). */
import type { ExperimentProgress, ExperimentRun, ProviderSettings } from '@backflow/engine';

/** Runs (or resumes) the stored experiment `experimentId` from database `dbName`; stops it. */
export type ExperimentCommand =
  | { type: 'start'; experimentId: string; dbName: string; provider: ProviderSettings }
  | { type: 'abort'; experimentId: string };

/** What the host reports: progress after every unit, each stored run, and how the grid ended. */
export type ExperimentMessage =
  | { type: 'progress'; experimentId: string; progress: ExperimentProgress }
  | { type: 'run'; experimentId: string; run: ExperimentRun }
  | {
      type: 'ended';
      experimentId: string;
      stopped: null | 'aborted' | 'budgetExhausted';
      models: { forward: string; optimizer: string; simulated: boolean };
    }
  | { type: 'failed'; experimentId: string; message: string };
