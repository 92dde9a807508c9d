/** The shapes of an experiment: a grid of arms (an algorithm or an ablation) by seeds. */
import type { Example } from '../datasets/types';
import type { Workflow } from '../graph/schema';
import type { CallTotals } from '../optim/journal';
import type { SessionSettingsInput } from '../optim/settings';
import type { SessionState } from '../optim/state';

/** One arm of the grid: a name and the session settings it runs with (the seed comes from the grid). */
export interface ExperimentArm {
  name: string;
  settings: SessionSettingsInput;
}

/** What an experiment runs: one workflow and its data, every arm under every seed. */
export interface ExperimentSpec {
  workflow: Workflow;
  train: Example[];
  val: Example[];
  /** The held-out split, scored once per run at its end, with the run's final prompts. */
  test: Example[];
  arms: ExperimentArm[];
  seeds: number[];
  /** Limits over the whole grid; a run that would pass one stops cleanly, resumable. */
  budget?: { maxCalls?: number; maxCostUsd?: number };
}

/** One finished run of the grid. */
export interface ExperimentRun {
  arm: string;
  seed: number;
  /** Mean test score in [0, 1]. */
  testScore: number;
  /** Per test example, in `testIds` order: its score and whether it passed (score 1). */
  testScores: number[];
  testIds: string[];
  /**
   * The learning curve: the validation score before any update (when the run has validation
   * examples), then after each iteration.
   */
  valCurve: number[];
  stopReason: SessionState['stopReason'];
  /** Calls, tokens and cost of the whole run: optimization plus the test pass. */
  totals: CallTotals;
  wallMs: number;
}

/**
 * Where an experiment keeps its progress, so that a stopped grid resumes where it was: finished
 * runs, and the checkpoint of the run in progress. The CLI keeps files, the studio IndexedDB.
 */
export interface ExperimentStore {
  loadRun(key: string): Promise<ExperimentRun | undefined>;
  saveRun(key: string, run: ExperimentRun): Promise<void>;
  loadCheckpoint(key: string): Promise<ExperimentCheckpoint | undefined>;
  saveCheckpoint(key: string, checkpoint: ExperimentCheckpoint): Promise<void>;
}

/** The run in progress: its session state, wall time so far, and its baseline validation score. */
export interface ExperimentCheckpoint {
  state: SessionState;
  wallMs: number;
  baseline?: number;
}

/** Progress of a grid, reported after every unit of every run. */
export interface ExperimentProgress {
  runIndex: number;
  runs: number;
  arm: string;
  seed: number;
  /** Units done in the current run. */
  unit: number;
  spent: CallTotals;
}

/** How a grid ended. */
export interface ExperimentOutcome {
  runs: ExperimentRun[];
  /** Null when every run finished; else why the grid stopped (resume continues it). */
  stopped: null | 'aborted' | 'budgetExhausted';
  spent: CallTotals;
}
