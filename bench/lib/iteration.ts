/**
 * One optimization iteration driven unit by unit through the engine's steppable Session, with the
 * calls and wall time of every unit recorded (units run one after another; calls inside a unit
 * run concurrently up to the provider's limit).
 */
import type { AlgorithmName, RunContext, Workflow } from '@backflow/engine';
import { Session } from '@backflow/engine';
import type { BenchCase } from './workflows';
import { llmDepth } from './workflows';

/** What one unit of the session did. */
export interface UnitFigure {
  unit: string;
  calls: number;
  wallMs: number;
  /** Calls that had to run one after another inside this unit (see {@link criticalCalls}). */
  critical: number;
  inputTokens: number;
  outputTokens: number;
}

/** One iteration's figures. */
export interface IterationFigure {
  wallMs: number;
  calls: number;
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
  /** Total calls seen so far (the server log's length, or a recorder's count). */
  callCount: () => number;
}

/**
 * Sequential call rounds inside one unit: forward-like units (minibatch forward, gate, validation)
 * wait for the workflow's llm depth; GTBP's backward at a node with two or more successors first
 * reconciles the successors' targets, then inverts (two rounds, when both happened); every other
 * unit makes its calls independently per example (one round), or none.
 */
export function criticalCalls(
  algorithm: AlgorithmName,
  workflow: Workflow,
  unit: string,
  calls: number,
  examples: number,
): number {
  if (calls === 0) return 0;
  if (/^(forward|gate|baseline|iterationEnd)/.test(unit)) return llmDepth(workflow);
  if (algorithm === 'gtbp' && unit.startsWith('backward:') && calls > examples) return 2;
  return 1;
}

/** Runs exactly one iteration of `options.algorithm` on `bench` and returns its figures. */
export async function runIteration(
  ctx: RunContext,
  bench: BenchCase,
  options: IterationOptions,
): Promise<IterationFigure> {
  const session = Session.create(ctx, {
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
  });
  const units: UnitFigure[] = [];
  let errorBatch = 0;
  const started = performance.now();
  while (!session.done) {
    const before = options.callCount();
    const tokensBefore = { ...session.state.totals };
    const t0 = performance.now();
    const events = await session.step();
    const wallMs = performance.now() - t0;
    const error = events.find((e) => e.type === 'error');
    if (error?.type === 'error') throw new Error(`${error.unit}: ${error.message}`);
    const progress = events.find((e) => e.type === 'progress');
    const unit = progress?.type === 'progress' ? progress.unit : 'stop';
    const calls = options.callCount() - before;
    const critical = criticalCalls(
      options.algorithm,
      session.state.workflow,
      unit,
      calls,
      options.errorBatchSize,
    );
    const { totals } = session.state;
    units.push({
      unit,
      calls,
      wallMs,
      critical,
      inputTokens: totals.inputTokens - tokensBefore.inputTokens,
      outputTokens: totals.outputTokens - tokensBefore.outputTokens,
    });
    errorBatch = Math.max(errorBatch, session.state.scratch?.errorBatch.length ?? 0);
  }
  const { totals } = session.state;
  return {
    wallMs: performance.now() - started,
    calls: units.reduce((s, u) => s + u.calls, 0),
    criticalPathCalls: units.reduce((s, u) => s + u.critical, 0),
    inputTokens: totals.inputTokens,
    outputTokens: totals.outputTokens,
    units,
    stateBytes: JSON.stringify(session.state).length,
    errorBatch,
  };
}

/**
 * The bound when units are barriers (the session runs them one after another): the sum over units
 * of max(critical calls x latency, calls / concurrency x latency). Always >= the global bound.
 */
export function unitBarrierBound(
  units: readonly UnitFigure[],
  latencyMs: number,
  concurrency: number,
): number {
  return units.reduce((sum, u) => sum + Math.max(u.critical, u.calls / concurrency) * latencyMs, 0);
}
