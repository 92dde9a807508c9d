/**
 * Things the studio holds beside the document and outside the undo history: the workflow's
 * dataset and its split, the model settings, and the live state of a forward run.
 */
import type { Dataset } from '@backflow/engine';
import type { StateCreator } from 'zustand';
import { defaultSettings, type StudioSettings } from '../settings/provider-settings';
import type { StudioState } from './studio-state';

export interface SplitConfig {
  seed: number;
  /** Fractions in [0, 1]; test gets the rest. */
  train: number;
  val: number;
}

/** A node's state in the latest forward run. */
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

export interface RunState {
  status: 'idle' | 'running' | 'done' | 'error' | 'aborted';
  modelLabel: string;
  exampleIds: string[];
  /** Per node: the state for the example shown (the last one run). */
  nodes: Record<string, NodeRun>;
  message?: string;
}

export interface DataSlice {
  dataset: Dataset | null;
  split: SplitConfig;
  settings: StudioSettings;
  run: RunState;
  setDataset(dataset: Dataset | null): void;
  setSplit(split: SplitConfig): void;
  setSettings(settings: StudioSettings): void;
  startRun(modelLabel: string, exampleIds: string[]): void;
  setNodeRun(nodeId: string, patch: NodeRun): void;
  finishRun(status: RunState['status'], message?: string): void;
}

const IDLE: RunState = { status: 'idle', modelLabel: '', exampleIds: [], nodes: {} };

/** The data slice of the studio store. */
export const createDataSlice: StateCreator<StudioState, [], [], DataSlice> = (set, get) => ({
  dataset: null,
  split: { seed: 1, train: 0.6, val: 0.2 },
  settings: defaultSettings(),
  run: IDLE,
  setDataset: (dataset) => set({ dataset }),
  setSplit: (split) => set({ split }),
  setSettings: (settings) => set({ settings }),
  startRun(modelLabel, exampleIds) {
    set({ run: { status: 'running', modelLabel, exampleIds, nodes: {} } });
  },
  setNodeRun(nodeId, patch) {
    const run = get().run;
    set({ run: { ...run, nodes: { ...run.nodes, [nodeId]: patch } } });
  },
  finishRun(status, message) {
    set({ run: { ...get().run, status, ...(message ? { message } : {}) } });
  },
});
