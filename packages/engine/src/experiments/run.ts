/**
 * Runs an experiment grid: every arm under every seed, one optimization session each, then the
 * run's final prompts scored once on the held-out test split. Progress is kept in an
 * {@link ExperimentStore} after every unit, so an interrupted grid (abort, budget, a killed
 * process) resumes at the unit it stopped at, and finished runs are never run again.
 */
import type { RunContext } from '../context';
import { forwardRun } from '../optim/forward-run';
import type { CallTotals } from '../optim/journal';
import { emptyTotals } from '../optim/journal';
import { Session } from '../optim/session';
import { meanScore } from '../optim/units/evaluate';
import type { PriceTable } from '../providers/accounting';
import type {
  ExperimentArm,
  ExperimentOutcome,
  ExperimentProgress,
  ExperimentRun,
  ExperimentSpec,
  ExperimentStore,
} from './types';

/** How the grid gets its models and reports progress. */
export interface ExperimentOptions {
  /** A fresh context per run (so per-run call ids and caches do not leak between runs). */
  context: (arm: ExperimentArm, seed: number) => RunContext;
  signal?: AbortSignal;
  onProgress?: (progress: ExperimentProgress) => void;
  /** The clock for wall times (injected so tests need no real time). */
  now?: () => number;
  /**
   * The models and prices of each run's test pass, when it goes another way than the run (a
   * provider's Batch API at half price); the run's own context otherwise.
   */
  testPass?: { context: (arm: ExperimentArm, seed: number) => RunContext; prices?: PriceTable };
}

/** The store key of one run of the grid. */
export function runKey(arm: string, seed: number): string {
  return `${arm}@${seed}`;
}

/** Every (arm, seed) pair of a grid, arms outermost, in the order they run. */
export function gridCells(
  spec: Pick<ExperimentSpec, 'arms' | 'seeds'>,
): { arm: ExperimentArm; seed: number }[] {
  return spec.arms.flatMap((arm) => spec.seeds.map((seed) => ({ arm, seed })));
}

/**
 * Runs (or resumes) the grid and returns every finished run. Stops cleanly between two units,
 * with the current run checkpointed, when the signal aborts or the grid's spending has reached a
 * budget limit (so a grid passes a limit by at most the one unit that reached it). A unit that
 * fails for another reason (its model calls failed after their retries) throws, naming the run.
 */
export async function runExperiment(
  spec: ExperimentSpec,
  store: ExperimentStore,
  options: ExperimentOptions,
): Promise<ExperimentOutcome> {
  checkSpec(spec);
  const now = options.now ?? (() => performance.now());
  const cells = gridCells(spec);
  const runs: ExperimentRun[] = [];
  const spent = emptyTotals();
  for (const [runIndex, { arm, seed }] of cells.entries()) {
    const key = runKey(arm.name, seed);
    const done = await store.loadRun(key);
    if (done) {
      runs.push(done);
      addTotals(spent, done.totals);
      continue;
    }
    const ctx = options.context(arm, seed);
    const saved = await store.loadCheckpoint(key);
    const session = saved
      ? Session.fromState(saved.state, ctx)
      : Session.create(ctx, {
          workflow: spec.workflow,
          train: spec.train,
          val: spec.val,
          settings: { ...arm.settings, seed },
        });
    let wallMs = saved?.wallMs ?? 0;
    // The validation score before any update starts the learning curve (iteration 0).
    let baseline = saved?.baseline;
    let unit = 0;
    const checkpoint = () =>
      store.saveCheckpoint(key, {
        state: session.state,
        wallMs,
        ...(baseline === undefined ? {} : { baseline }),
      });
    while (!session.done) {
      if (options.signal?.aborted) return { runs, stopped: 'aborted', spent };
      if (overBudget(spec.budget, spent, session.state.totals)) {
        await checkpoint();
        return { runs, stopped: 'budgetExhausted', spent };
      }
      const started = now();
      const wasBaseline = session.state.phase.kind === 'baseline';
      const events = await session.step();
      wallMs += now() - started;
      if (wasBaseline && session.state.valScore) baseline = session.state.valScore.score;
      const failed = events.find((e) => e.type === 'error');
      // A failed unit leaves the state as it was before it: the last checkpoint still holds.
      if (failed?.type === 'error') {
        if (failed.aborted || options.signal?.aborted) return { runs, stopped: 'aborted', spent };
        throw new Error(`${key}: ${failed.message}`);
      }
      await checkpoint();
      unit++;
      options.onProgress?.({
        runIndex,
        runs: cells.length,
        arm: arm.name,
        seed,
        unit,
        spent: sumTotals(spent, session.state.totals),
      });
    }
    const started = now();
    const testCtx = options.testPass?.context(arm, seed) ?? ctx;
    const prices = options.testPass?.prices;
    const test = await forwardRun(
      testCtx,
      `test/${key}`,
      session.state.workflow,
      spec.test,
      prices ? { prices } : {},
    );
    wallMs += now() - started;
    const run: ExperimentRun = {
      arm: arm.name,
      seed,
      testScore: meanScore(test.scores),
      testScores: test.scores.map((s) => s.score),
      testIds: test.scores.map((s) => s.exampleId),
      valCurve: [
        ...(baseline === undefined ? [] : [baseline]),
        ...session.state.history.flatMap((h) => (h.valScore === undefined ? [] : [h.valScore])),
      ],
      stopReason: session.state.stopReason,
      totals: sumTotals(session.state.totals, test.totals),
      wallMs,
    };
    await store.saveRun(key, run);
    runs.push(run);
    addTotals(spent, run.totals);
  }
  return { runs, stopped: null, spent };
}

function checkSpec(spec: ExperimentSpec): void {
  if (spec.arms.length === 0) throw new Error('An experiment needs at least one arm.');
  if (spec.seeds.length === 0) throw new Error('An experiment needs at least one seed.');
  if (spec.test.length === 0) throw new Error('An experiment needs a test split to score its runs on.');
  const twice = spec.arms.find((arm, i) => spec.arms.findIndex((a) => a.name === arm.name) !== i);
  if (twice) throw new Error(`Two arms are named "${twice.name}": arm names must differ.`);
  if (new Set(spec.seeds).size !== spec.seeds.length) throw new Error('The seeds must differ.');
}

function overBudget(budget: ExperimentSpec['budget'], spent: CallTotals, current: CallTotals): boolean {
  if (!budget) return false;
  const total = sumTotals(spent, current);
  return (
    (budget.maxCalls !== undefined && total.calls >= budget.maxCalls) ||
    (budget.maxCostUsd !== undefined && total.costUsd >= budget.maxCostUsd)
  );
}

function sumTotals(a: CallTotals, b: CallTotals): CallTotals {
  return {
    calls: a.calls + b.calls,
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    costUsd: a.costUsd + b.costUsd,
  };
}

function addTotals(into: CallTotals, add: CallTotals): void {
  Object.assign(into, sumTotals(into, add));
}
