/**
 * The experiment's saved result (`experiment.json` of `backflow experiment`, the studio's JSON
 * export): every finished run, the summary, what was spent and why the grid stopped, if it did.
 */

import type { CallTotals } from '../optim/journal';
import { type ExperimentSummary, summarizeExperiment } from './summary';
import type { ExperimentOutcome, ExperimentRun } from './types';

/** `backflow.experiment` version 1. */
export interface ExperimentResult {
  format: 'backflow.experiment';
  version: 1;
  simulated: boolean;
  stopped: ExperimentOutcome['stopped'];
  spent: CallTotals;
  summary: ExperimentSummary;
  runs: ExperimentRun[];
}

/** Builds the saved result of a grid (finished or stopped) from its outcome. */
export function experimentResult(outcome: ExperimentOutcome, simulated: boolean): ExperimentResult {
  return {
    format: 'backflow.experiment',
    version: 1,
    simulated,
    stopped: outcome.stopped,
    spent: outcome.spent,
    summary: outcome.runs.length > 0 ? summarizeExperiment(outcome.runs) : { arms: [], comparisons: [] },
    runs: outcome.runs,
  };
}
