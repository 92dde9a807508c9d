/**
 * Turns each finished example of a forward run into a scored grid row: the workflow's loss is
 * applied as soon as the example's trace is in (a judge loss calls the run's model), and the row
 * is added to the store. The run waits for every pending score before it reports itself done.
 */
import type { Example, ExampleTrace, RunContext, Workflow } from '@backflow/engine';
import { scoreExample } from '@backflow/engine/loss/index.ts';
import type { StudioStore } from '../store/create-store';
import type { ExampleRow, NodeRun } from '../store/run-state';

/** Records the finished examples of one forward run. */
export interface ExampleRecorder {
  /** Scores the example's trace and adds its row (asynchronously). */
  finished(trace: ExampleTrace): void;
  /** Resolves when every example handed to `finished` has its row. */
  settled(): Promise<void>;
}

/** A recorder over `examples` (matched to traces by id) that writes rows into `store`. */
export function createExampleRecorder(
  store: StudioStore,
  ctx: RunContext,
  workflow: Workflow,
  examples: readonly Example[],
  toNodeRun: (trace: ExampleTrace['nodes'][string]) => NodeRun,
): ExampleRecorder {
  const byId = new Map(examples.map((e) => [e.id, e]));
  const pending: Promise<void>[] = [];
  return {
    finished(trace) {
      const example = byId.get(trace.exampleId);
      if (!example) return;
      pending.push(
        rowOf(ctx, workflow, example, trace, toNodeRun).then((row) => store.getState().recordExample(row)),
      );
    },
    settled: async () => {
      await Promise.all(pending);
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
  const nodes = Object.fromEntries(Object.entries(trace.nodes).map(([id, t]) => [id, toNodeRun(t)]));
  const base = {
    exampleId: example.id,
    ...(example.split ? { split: example.split } : {}),
    inputs: example.inputs,
    target: example.target,
    outputs: trace.outputs,
    nodes,
    failed: Object.values(trace.nodes).some((n) => n.status !== 'ok'),
  };
  try {
    return { ...base, score: await scoreExample(ctx, workflow, example, trace) };
  } catch (err) {
    return { ...base, score: null, scoreError: err instanceof Error ? err.message : String(err) };
  }
}
