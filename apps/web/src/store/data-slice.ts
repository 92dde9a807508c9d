/**
 * Things the studio holds beside the document and outside the undo history: the workflow's
 * dataset and its split, the model settings, and the live state of a forward run.
 */
import type { Dataset, SplitSettings } from '@backflow/engine';
import type { StateCreator } from 'zustand';
import { defaultSettings, type StudioSettings } from '../settings/provider-settings';
import { type ExampleRow, idleRun, type NodeRun, type RunState, type WorkflowRuns } from './run-state';
import type { StudioState } from './studio-state';

/** How the studio cuts its dataset (the engine's {@link SplitSettings}: test gets what train and val leave). */
export type SplitConfig = SplitSettings;

/** The split a new dataset starts with, and a bundle's dataset without split settings gets. */
export const DEFAULT_SPLIT: SplitConfig = { seed: 1, train: 0.6, val: 0.2 };

export type { ExampleRow, NodeRun, RunState } from './run-state';

export interface DataSlice {
  dataset: Dataset | null;
  split: SplitConfig;
  settings: StudioSettings;
  run: RunState;
  /** The run before `run` on this workflow (the grid's "changed since the last run"). */
  previousRun: RunState | null;
  /** Other workflows' forward runs, by workflow id, until they are opened again. */
  parkedRuns: Record<string, WorkflowRuns>;
  /** Cancels the forward run in flight (opening another workflow stops it). */
  forwardAbort: AbortController | null;
  setDataset(dataset: Dataset | null): void;
  setSplit(split: SplitConfig): void;
  setSettings(settings: StudioSettings): void;
  startRun(modelLabel: string, exampleIds: string[], abort?: AbortController): void;
  /** A node's live state for the shown example; ignored once the run is no longer running. */
  setNodeRun(nodeId: string, patch: NodeRun): void;
  /** Adds a finished, scored example (a grid row); ignored once the run is no longer running. */
  /** Adds finished examples' rows, in one store update (the grid re-renders once for them). */
  recordExamples(rows: readonly ExampleRow[]): void;
  /** Puts one finished example's node states on the canvas (a grid row clicked). */
  showExample(exampleId: string): void;
  finishRun(status: RunState['status'], message?: string): void;
}

/** The data slice of the studio store. */
export const createDataSlice: StateCreator<StudioState, [], [], DataSlice> = (set, get) => ({
  dataset: null,
  split: DEFAULT_SPLIT,
  settings: defaultSettings(),
  run: idleRun(),
  previousRun: null,
  parkedRuns: {},
  forwardAbort: null,
  setDataset: (dataset) => set({ dataset }),
  setSplit: (split) => set({ split }),
  setSettings: (settings) => set({ settings }),
  startRun(modelLabel, exampleIds, abort) {
    const { run, doc } = get();
    // The run being replaced is the one a new run is compared with (only a finished one counts).
    const previousRun = run.workflowId === doc.id && run.rows.length > 0 ? run : get().previousRun;
    set({
      previousRun,
      forwardAbort: abort ?? null,
      run: { ...idleRun(doc.id), status: 'running', modelLabel, exampleIds, startedAt: Date.now() },
    });
  },
  setNodeRun(nodeId, patch) {
    const run = get().run;
    if (run.status !== 'running') return;
    set({ run: { ...run, nodes: { ...run.nodes, [nodeId]: patch } } });
  },
  recordExamples(rows) {
    const run = get().run;
    if (run.status !== 'running' || rows.length === 0) return;
    set({ run: { ...run, rows: [...run.rows, ...rows] } });
  },
  showExample(exampleId) {
    const run = get().run;
    const row = run.rows.find((r) => r.exampleId === exampleId);
    if (row) set({ run: { ...run, nodes: row.nodes, shownExampleId: exampleId } });
  },
  finishRun(status, message) {
    const run = get().run;
    // A run stopped by opening another workflow was already parked with its own ending.
    if (run.status !== 'running' && status !== 'error') return;
    set({ forwardAbort: null, run: { ...run, status, ...(message ? { message } : {}) } });
  },
});
