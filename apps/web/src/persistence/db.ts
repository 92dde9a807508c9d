/**
 * The studio's one IndexedDB database (Dexie), typed. Bump the version and add a `stores` call
 * (with an `upgrade` when rows change shape) for every schema change: Dexie migrates on open.
 */
import type { CallRecord, Dataset, Workflow } from '@backflow/engine';
import { Dexie, type EntityTable } from 'dexie';
import type { StudioSettings } from '../settings/provider-settings';
import type { SplitConfig } from '../store/data-slice';

/** A saved workflow (a project). `updatedAt` is epoch milliseconds. */
export interface WorkflowRow {
  id: string;
  name: string;
  updatedAt: number;
  doc: Workflow;
  /** Id of the tab that wrote this version; a tab ignores its own writes when watching for others'. */
  writer?: string;
}

/** The dataset attached to a workflow, with its split settings. */
export interface DatasetRow {
  id: string;
  workflowId: string;
  updatedAt: number;
  dataset: Dataset;
  split: SplitConfig;
}

/** Key/value settings; `key: 'models'` holds the {@link StudioSettings}, `key: 'ui'` the theme etc. */
export type SettingsRow =
  | { key: 'models'; value: StudioSettings }
  | { key: 'ui'; value: { theme: 'light' | 'dark'; lastWorkflowId?: string } };

/** A recorded run (filled by the optimization issue). */
export interface RunRow {
  id: string;
  workflowId: string;
  startedAt: number;
  kind: 'forward' | 'optimize';
  status: string;
}

/** One event of a run, in arrival order (written before the UI shows it; filled by issue 5). */
export interface RunEventRow {
  seq?: number;
  runId: string;
  at: number;
  event: unknown;
}

/** One model call of a run, as the provider layer recorded it. */
export type CallRow = CallRecord & { runId: string };

/** Typed handle on the database. */
export type BackflowDb = Dexie & {
  workflows: EntityTable<WorkflowRow, 'id'>;
  datasets: EntityTable<DatasetRow, 'id'>;
  settings: EntityTable<SettingsRow, 'key'>;
  runs: EntityTable<RunRow, 'id'>;
  events: EntityTable<RunEventRow, 'seq'>;
  calls: EntityTable<CallRow, 'callId'>;
};

/** Opens (creating or migrating) the database called `name`; tests pass a unique name. */
export function openBackflowDb(name = 'backflow'): BackflowDb {
  const db = new Dexie(name) as BackflowDb;
  db.version(1).stores({
    workflows: 'id, updatedAt, name',
    datasets: 'id, workflowId, updatedAt',
    settings: 'key',
    runs: 'id, workflowId, startedAt',
    events: '++seq, runId',
    calls: 'callId, runId, nodeId, purpose',
  });
  return db;
}
