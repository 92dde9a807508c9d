/**
 * The studio's one IndexedDB database (Dexie), typed. Bump the version and add a `stores` call
 * (with an `upgrade` when rows change shape) for every schema change: Dexie migrates on open.
 * Versions 1 and 2 only added tables (no row changed shape), so they need no `upgrade`.
 */
import type {
  CallRecord,
  Dataset,
  LegacyProviderSettings,
  ProviderSettings,
  SessionData,
  SessionEvent,
  SessionProgress,
  SessionState,
  TestSplitScore,
  Workflow,
} from '@backflow/engine';
import { Dexie, type EntityTable, type Table } from 'dexie';
import type { RecipeDefaults } from '../optimize/recipe-defaults';
import type { RunDigest } from '../run-views/derive/digest';
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
  /** A paper recipe's settings and models, when the project was opened from one (kept across saves). */
  recipe?: RecipeDefaults;
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

/** A recorded run. `status` is 'running' until a `runDone` event (then 'done') or a failure. */
export interface RunRow {
  id: string;
  workflowId: string;
  startedAt: number;
  kind: 'forward' | 'optimize';
  status: string;
  /** Optimization runs: the algorithm, for run lists. */
  algorithm?: string;
  finishedAt?: number;
  /** Optimization runs: how many times the run was resumed from a checkpoint (absent: never). */
  resumes?: number;
  /** Optimization runs: the held-out test split's score with the final prompts (absent: none). */
  test?: TestSplitScore;
  /**
   * Optimization runs: what the history shows of the run (run-views/derive/digest.ts), folded forward in the
   * transaction that stores each of its events and calls, so listing runs reads no event or call
   * row. Absent on rows from before schema version 5 (or set aside as unreadable): the first list
   * builds it from the run's rows and writes it back.
   */
  digest?: RunDigest;
}

/**
 * One event of a run, keyed by (runId, seq); seq counts from 1 per run without gaps. `v` is the
 * event's format version (`SESSION_EVENT_VERSION`); rows written before it existed have none and
 * are migrated when read (`migrateSessionEvent`).
 */
export interface SessionEventRow {
  runId: string;
  seq: number;
  at: number;
  v?: number;
  event: SessionEvent;
}

/**
 * The latest checkpoint of a run (one row per run, replaced after every unit, and in the middle of
 * a unit with the journal of its settled calls). `lastSeq` is the seq of the last event written
 * before it: on resume, later events belong to the unit that is about to run again and are
 * deleted, so nothing is duplicated.
 */
export interface CheckpointRow {
  runId: string;
  workflowId: string;
  at: number;
  lastSeq: number;
  /** 1 for the run's first checkpoint, then +1 each (call rows refer to it). */
  ordinal?: number;
  done: boolean;
  /**
   * The session's progress part (`splitSessionState`): what changes from unit to unit, so the row
   * replaced after every unit does not grow with the dataset. Its data part is the run's
   * {@link RunDataRow}, written once.
   */
  progress?: SessionProgress;
  /** Rows written before the split hold the whole state instead (they still resume). */
  state?: SessionState;
  /**
   * How the models were reached, WITHOUT the API keys (they stay in the settings table). Rows
   * written before the forward and optimizer endpoints were separate have the older shape
   * (`upgradeProviderSettings` reads both).
   */
  provider: ProviderSettings | LegacyProviderSettings;
}

/** The tables whose rows are set aside when they no longer read (on load, or as their run is read). */
export type QuarantinedTable =
  | 'workflows'
  | 'datasets'
  | 'settings'
  | 'runs'
  | 'runEvents'
  | 'calls'
  | 'checkpoints';

/**
 * The part of a run's session that never changes (its examples and the workflow it started from),
 * written once when the run starts (again on a resume only if it differs); checkpoints name it by
 * `progress.dataHash`.
 */
export interface RunDataRow {
  runId: string;
  at: number;
  data: SessionData;
}

/**
 * A stored row that no longer reads (a workflow `parseWorkflow` refuses, a malformed dataset, a run event of
 * no known shape, a checkpoint that cannot resume, unusable model settings),
 * moved out of its table on load (a run event or call when its run is read) so it cannot blank the
 * page, and kept whole so nothing is lost: the Projects dialog offers it as a download.
 */
export interface QuarantineRow {
  id?: number;
  /** The table it was taken from, and how it is named to the person (its name, else its id). */
  table: QuarantinedTable;
  key: string;
  at: number;
  /** Why it was set aside, as shown to the person. */
  reason: string;
  row: unknown;
}

/**
 * One model call of a run, as the provider layer recorded it. `checkpoint` (optimization runs):
 * how many checkpoints of the run were written before it; calls made after the last checkpoint
 * are not in its journal and are made again on resume, so they are deleted then.
 */
export type CallRow = CallRecord & { runId: string; checkpoint?: number };

/** Typed handle on the database. */
export type BackflowDb = Dexie & {
  workflows: EntityTable<WorkflowRow, 'id'>;
  datasets: EntityTable<DatasetRow, 'id'>;
  settings: EntityTable<SettingsRow, 'key'>;
  runs: EntityTable<RunRow, 'id'>;
  quarantine: EntityTable<QuarantineRow, 'id'>;
  calls: EntityTable<CallRow, 'callId'>;
  runEvents: Table<SessionEventRow, [string, number]>;
  checkpoints: EntityTable<CheckpointRow, 'runId'>;
  runData: EntityTable<RunDataRow, 'runId'>;
};

/**
 * The schema of versions 1 and 2, as every build since declares it (the upgrade test opens a
 * version 2 database with exactly this).
 */
export function declareVersions1And2(db: Dexie): void {
  db.version(1).stores({
    workflows: 'id, updatedAt, name',
    datasets: 'id, workflowId, updatedAt',
    settings: 'key',
    runs: 'id, workflowId, startedAt',
    events: '++seq, runId',
    calls: 'callId, runId, nodeId, purpose',
  });
  // v2: optimization runs. Events get their own table keyed by (runId, seq) because Dexie cannot
  // change the primary key of the v1 `events` table in place.
  db.version(2).stores({
    runEvents: '[runId+seq], runId',
    checkpoints: 'runId, workflowId',
  });
}

/** Opens (creating or migrating) the database called `name`; tests pass a unique name. */
export function openBackflowDb(name = 'backflow'): BackflowDb {
  const db = new Dexie(name) as BackflowDb;
  declareVersions1And2(db);
  // v3: the v1 `events` table was never written (v2's runEvents replaced it): `null` makes Dexie
  // delete it in this version's upgrade transaction. Rows that no longer read are moved to
  // `quarantine` on every load (quarantine.ts; a run's events and calls when the run is read,
  // run-reads.ts), not only on this upgrade: an older build or another tab can write them later.
  db.version(3).stores({ events: null, quarantine: '++id, at' });
  // v4: a run's data part (examples, starting workflow), written once; checkpoints hold progress.
  db.version(4).stores({ runData: 'runId' });
  // v5: run rows carry their digest (`RunRow.digest`), kept by every write of the run's events and
  // calls. No table changes and no upgrade step: a row without one gets it when first listed. The
  // version is bumped so that a tab still running an older build (which would store events and
  // calls without folding them into the digest) is closed out of the database (Dexie closes a
  // connection on \`versionchange\`) instead of leaving digests behind their rows.
  db.version(5).stores({});
  return db;
}
