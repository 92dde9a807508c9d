/**
 * The forward run's state as the studio keeps it: which workflow it belongs to, each node's state
 * for the example shown on the canvas, and one scored row per finished example (the evaluation
 * grid). A workflow's runs are parked when another workflow opens and come back with it.
 */
import type { ExampleScore } from '@backflow/engine';

/** A node's state in a forward run, for one example. */
export interface NodeRun {
  status: 'running' | 'ok' | 'error' | 'skipped';
  output?: string;
  error?: string;
  latencyMs?: number;
  inputTokens?: number;
  outputTokens?: number;
  costUsd?: number;
  /** Messages sent (llm nodes), for the inspector. */
  messages?: { role: string; content: string }[];
}

/** One finished example of a forward run: a row of the evaluation grid. */
export interface ExampleRow {
  exampleId: string;
  /** The example's split label, when the dataset has one. */
  split?: 'train' | 'val' | 'test';
  inputs: Record<string, string>;
  target: string;
  /** Final answer per output node id. */
  outputs: Record<string, string>;
  /** Every node's state for this example (shown on the canvas when the row is clicked). */
  nodes: Record<string, NodeRun>;
  /** The workflow's loss on this example; null when it could not be scored (see `scoreError`). */
  score: ExampleScore | null;
  scoreError?: string;
  /** Some node failed or was skipped. */
  failed: boolean;
}

export interface RunState {
  status: 'idle' | 'running' | 'done' | 'error' | 'aborted';
  /** The workflow (document id) this run ran; '' before any run. */
  workflowId: string;
  modelLabel: string;
  exampleIds: string[];
  /** Per node: the state for the example shown (the last one run, or the grid row clicked). */
  nodes: Record<string, NodeRun>;
  /** The example whose node states `nodes` holds (set once one has finished). */
  shownExampleId?: string;
  /** Finished examples, scored, in the order they finished. */
  rows: ExampleRow[];
  /** Epoch ms at start (the grid's ETA). */
  startedAt: number;
  message?: string;
}

/** A workflow's forward runs: the latest and the one before it (the grid compares them). */
export interface WorkflowRuns {
  run: RunState;
  previousRun: RunState | null;
}

/** The state before any forward run of a workflow. */
export function idleRun(workflowId = ''): RunState {
  return { status: 'idle', workflowId, modelLabel: '', exampleIds: [], nodes: {}, rows: [], startedAt: 0 };
}

/**
 * What the store holds for the forward runs after opening `nextId`: the open workflow's runs are
 * parked under its id and the next one's come back (idle when it has none). A still-running run
 * is parked as it is; its late results land in the parking lot, not on the new canvas.
 */
export function switchRuns(
  parked: Record<string, WorkflowRuns>,
  current: WorkflowRuns & { workflowId: string },
  nextId: string,
): { parkedRuns: Record<string, WorkflowRuns> } & WorkflowRuns {
  const { [nextId]: restored, ...rest } = parked;
  const keep =
    current.run.status === 'idle' && current.previousRun === null
      ? rest
      : { ...rest, [current.workflowId]: { run: current.run, previousRun: current.previousRun } };
  return {
    parkedRuns: keep,
    run: restored?.run ?? idleRun(nextId),
    previousRun: restored?.previousRun ?? null,
  };
}
