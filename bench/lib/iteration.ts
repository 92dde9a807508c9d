/**
 * One optimization iteration driven unit by unit through the engine's steppable Session, with the
 * calls and wall time of every unit recorded (units run one after another; calls inside a unit
 * run concurrently up to the provider's limit).
 */
import type { AlgorithmName, RunContext } from '@backflow/engine';
import { Session } from '@backflow/engine';
import { criticalPathCalls } from './bounds';
import type { BenchCase } from './workflows';

/** What one unit of the session did. */
export interface UnitFigure {
  unit: string;
  /**
   * Calls the unit consumed (the session's totals). With the lookahead, a unit's calls may have
   * been sent while an earlier unit ran; they are counted here, in the unit that used them.
   */
  calls: number;
  wallMs: number;
  inputTokens: number;
  outputTokens: number;
}

/** One iteration's figures. */
export interface IterationFigure {
  wallMs: number;
  /** Calls sent, from `options.callCount` (the server log, or a recorder). */
  calls: number;
  /** Calls sent but consumed by no unit (lookahead work that was wasted; 0 when all is well). */
  unusedCalls: number;
  /** The iteration's longest chain of dependent calls (see `criticalPathCalls` in bounds.ts). */
  criticalPathCalls: number;
  inputTokens: number;
  outputTokens: number;
  units: UnitFigure[];
  /** Size of the session state as JSON at the end (what a checkpoint stores), in bytes. */
  stateBytes: number;
  /** Examples back-propagated (the error batch, b). */
  errorBatch: number;
}

/** Settings of the benchmarked iteration (same for every algorithm, so their figures compare). */
export interface IterationOptions {
  algorithm: AlgorithmName;
  batchSize: number;
  errorBatchSize: number;
  /** Start ready units' calls early (the engine's default, true); false waits unit by unit. */
  lookahead?: boolean;
  /** Total calls seen so far (the server log's length, or a recorder's count). */
  callCount: () => number | Promise<number>;
}

/** Runs exactly one iteration of `options.algorithm` on `bench` and returns its figures. */
export async function runIteration(
  ctx: RunContext,
  bench: BenchCase,
  options: IterationOptions,
): Promise<IterationFigure> {
  const session = Session.create(
    ctx,
    {
      workflow: bench.workflow,
      train: bench.train,
      val: [],
      settings: {
        algorithm: options.algorithm,
        iterations: 1,
        batchSize: options.batchSize,
        errorBatchSize: options.errorBatchSize,
        valFraction: 0,
        earlyStop: false,
        seed: 1,
      },
    },
    { lookahead: options.lookahead ?? true },
  );
  const units: UnitFigure[] = [];
  let errorBatch = 0;
  const sentBefore = await options.callCount();
  const started = performance.now();
  while (!session.done) {
    const tokensBefore = { ...session.state.totals };
    const t0 = performance.now();
    const events = await session.step();
    const wallMs = performance.now() - t0;
    const error = events.find((e) => e.type === 'error');
    if (error?.type === 'error') throw new Error(`${error.unit}: ${error.message}`);
    const progress = events.find((e) => e.type === 'progress');
    const unit = progress?.type === 'progress' ? progress.unit : 'stop';
    const calls = session.state.totals.calls - tokensBefore.calls;
    const { totals } = session.state;
    units.push({
      unit,
      calls,
      wallMs,
      inputTokens: totals.inputTokens - tokensBefore.inputTokens,
      outputTokens: totals.outputTokens - tokensBefore.outputTokens,
    });
    errorBatch = Math.max(errorBatch, session.state.scratch?.errorBatch.length ?? 0);
  }
  const wallMs = performance.now() - started;
  const calls = (await options.callCount()) - sentBefore;
  const { totals } = session.state;
  return {
    wallMs,
    calls,
    unusedCalls: calls - units.reduce((s, u) => s + u.calls, 0),
    criticalPathCalls: criticalPathCalls(options.algorithm, session.state.workflow, units, errorBatch),
    inputTokens: totals.inputTokens,
    outputTokens: totals.outputTokens,
    units,
    stateBytes: JSON.stringify(session.state).length,
    errorBatch,
  };
}
