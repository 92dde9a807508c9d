/**
 * Turns each finished example of a forward run into a scored grid row. A loss that calls no model
 * (exact, numeric, regex, JS...) is applied as soon as the example's trace is in, so rows appear
 * live. A judge loss is NOT scored here: the engine already scores every example in the Worker,
 * and a second judge call per example would bill the endpoint twice; those rows are added with the
 * engine's scores when the run's result arrives. The run waits for every row before it is done.
 */
import {
  type Example,
  type ExampleScore,
  type ExampleTrace,
  type RunContext,
  scoreExample,
  type Workflow,
} from '@backflow/engine';
import { animationFrames, type FrameScheduler } from '../run/partial-frames';
import type { StudioStore } from '../store/create-store';
import type { ExampleRow, NodeRun } from '../store/run-state';

/** Records the finished examples of one forward run. */
export interface ExampleRecorder {
  /** Scores the example's trace and adds its row (asynchronously). */
  finished(trace: ExampleTrace): void;
  /**
   * Resolves when every example handed to `finished` has its row; `engineScores` (the run's
   * result) score the rows a judge loss left to the engine.
   */
  settled(engineScores?: readonly EngineScore[]): Promise<void>;
}

/** A score as the engine's forward result carries it. */
export type EngineScore = Pick<ExampleScore, 'exampleId' | 'score' | 'perOutput'>;

/** A recorder over `examples` (matched to traces by id) that writes rows into `store`. */
export function createExampleRecorder(
  store: StudioStore,
  ctx: RunContext,
  workflow: Workflow,
  examples: readonly Example[],
  toNodeRun: (trace: ExampleTrace['nodes'][string]) => NodeRun,
  schedule: FrameScheduler = animationFrames,
): ExampleRecorder {
  const byId = new Map(examples.map((e) => [e.id, e]));
  const pending: Promise<void>[] = [];
  // Rows go to the store at most once per frame: on a fast endpoint dozens of examples finish per
  // frame, and a store update per row re-rendered the grid for each (frames of 133 ms, bench 5).
  let unflushed: ExampleRow[] = [];
  let cancelFrame: (() => void) | null = null;
  const flush = () => {
    cancelFrame?.();
    cancelFrame = null;
    const rows = unflushed;
    unflushed = [];
    store.getState().recordExamples(rows);
  };
  const add = (row: ExampleRow) => {
    unflushed.push(row);
    cancelFrame ??= schedule(flush);
  };
  const leftToEngine: ExampleTrace[] = [];
  const judged = workflow.loss.kind === 'judge';
  return {
    finished(trace) {
      const example = byId.get(trace.exampleId);
      if (!example) return;
      if (judged) {
        leftToEngine.push(trace);
        return;
      }
      pending.push(rowOf(ctx, workflow, example, trace, toNodeRun).then(add));
    },
    settled: async (engineScores = []) => {
      await Promise.all(pending);
      const scores = new Map(engineScores.map((s) => [s.exampleId, s]));
      for (const trace of leftToEngine) {
        const example = byId.get(trace.exampleId);
        if (!example) continue;
        const score = scores.get(trace.exampleId);
        const row = baseRow(example, trace, toNodeRun);
        unflushed.push(
          score
            ? { ...row, score: { ...score } }
            : { ...row, score: null, scoreError: 'the run ended before it was scored' },
        );
      }
      flush();
    },
  };
}

/** One example's grid row; a loss that throws (aborted judge) leaves the row unscored with why. */
export async function rowOf(
  ctx: RunContext,
  workflow: Workflow,
  example: Example,
  trace: ExampleTrace,
  toNodeRun: (trace: ExampleTrace['nodes'][string]) => NodeRun,
): Promise<ExampleRow> {
  const base = baseRow(example, trace, toNodeRun);
  try {
    return { ...base, score: await scoreExample(ctx, workflow, example, trace) };
  } catch (err) {
    return { ...base, score: null, scoreError: err instanceof Error ? err.message : String(err) };
  }
}

/** A row's example, outputs and node states, before its score. */
function baseRow(
  example: Example,
  trace: ExampleTrace,
  toNodeRun: (trace: ExampleTrace['nodes'][string]) => NodeRun,
) {
  const nodes = Object.fromEntries(Object.entries(trace.nodes).map(([id, t]) => [id, toNodeRun(t)]));
  return {
    exampleId: example.id,
    ...(example.split ? { split: example.split } : {}),
    inputs: example.inputs,
    target: example.target,
    outputs: trace.outputs,
    nodes,
    failed: Object.values(trace.nodes).some((n) => n.status !== 'ok'),
  };
}
