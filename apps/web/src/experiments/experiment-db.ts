/**
 * Where the studio keeps experiments: a database of their own (`backflow-experiments`, Dexie), so
 * the project database's schema is left alone. An experiment row holds the grid's spec (the
 * workflow, its data with the test split, the arms and seeds, the budget), never an API key; each
 * finished run and the checkpoint of the run in progress are rows too. Through
 * {@link createIdbExperimentStore} the engine's `runExperiment` resumes a grid after a reload at
 * the unit it stopped at, exactly as the CLI resumes from its files.
 */
import type {
  ExperimentCheckpoint,
  ExperimentOutcome,
  ExperimentRun,
  ExperimentSpec,
  ExperimentStore,
} from '@backflow/engine';
import { Dexie, type EntityTable, type Table } from 'dexie';

/** How an experiment stands. "running" after a reload means it was interrupted: Resume goes on. */
export type ExperimentStatus = 'running' | 'aborted' | 'budgetExhausted' | 'done' | 'failed';

/** One experiment: what it runs and how it stands. */
export interface ExperimentRow {
  id: string;
  /** What the grid runs on, for lists: "Workflow: name" or "Recipe: name". */
  source: string;
  createdAt: number;
  spec: ExperimentSpec;
  status: ExperimentStatus;
  /** The models' labels when it last ran, and whether the simulator answered. */
  models?: { forward: string; optimizer: string; simulated: boolean };
  /** Why it failed (status "failed"). */
  error?: string;
}

/** A finished run of an experiment, keyed by (experimentId, key = "arm@seed"). */
export interface ExperimentRunRow {
  experimentId: string;
  key: string;
  run: ExperimentRun;
}

/** The checkpoint of an experiment's run in progress, keyed like its run. */
export interface ExperimentCheckpointRow {
  experimentId: string;
  key: string;
  checkpoint: ExperimentCheckpoint;
}

/** The experiments database, typed. */
export type ExperimentDb = Dexie & {
  experiments: EntityTable<ExperimentRow, 'id'>;
  runs: Table<ExperimentRunRow, [string, string]>;
  checkpoints: Table<ExperimentCheckpointRow, [string, string]>;
};

/** The database's default name (tests open their own). */
export const EXPERIMENT_DB_NAME = 'backflow-experiments';

/** Opens (creating or upgrading) the experiments database. */
export function openExperimentDb(name = EXPERIMENT_DB_NAME): ExperimentDb {
  const db = new Dexie(name) as ExperimentDb;
  db.version(1).stores({
    experiments: 'id, createdAt',
    runs: '[experimentId+key], experimentId',
    checkpoints: '[experimentId+key], experimentId',
  });
  return db;
}

/**
 * The engine's {@link ExperimentStore} over one experiment's rows. A saved run replaces its
 * checkpoint (the run is over); `onRun` hears each run once it is stored.
 */
export function createIdbExperimentStore(
  db: ExperimentDb,
  experimentId: string,
  onRun?: (run: ExperimentRun) => void,
): ExperimentStore {
  return {
    loadRun: async (key) => (await db.runs.get([experimentId, key]))?.run,
    saveRun: async (key, run) => {
      await db.transaction('rw', db.runs, db.checkpoints, async () => {
        await db.runs.put({ experimentId, key, run });
        await db.checkpoints.delete([experimentId, key]);
      });
      onRun?.(run);
    },
    loadCheckpoint: async (key) => (await db.checkpoints.get([experimentId, key]))?.checkpoint,
    saveCheckpoint: async (key, checkpoint) => {
      await db.checkpoints.put({ experimentId, key, checkpoint });
    },
  };
}

/** Every finished run of an experiment, in the grid's order (arms outermost, then seeds). */
export async function loadExperimentRuns(db: ExperimentDb, row: ExperimentRow): Promise<ExperimentRun[]> {
  const rows = await db.runs.where('experimentId').equals(row.id).toArray();
  const order = (run: ExperimentRun) =>
    row.spec.arms.findIndex((a) => a.name === run.arm) * row.spec.seeds.length +
    row.spec.seeds.indexOf(run.seed);
  return rows.map((r) => r.run).sort((a, b) => order(a) - order(b));
}

/** Records how a grid ended (or that it failed, with why). */
export async function recordOutcome(
  db: ExperimentDb,
  experimentId: string,
  outcome: Pick<ExperimentOutcome, 'stopped'> | { error: string },
): Promise<void> {
  const status: ExperimentStatus =
    'error' in outcome ? 'failed' : outcome.stopped === null ? 'done' : outcome.stopped;
  await db.experiments.update(experimentId, {
    status,
    ...('error' in outcome ? { error: outcome.error } : {}),
  });
}

/** Removes an experiment with its runs and checkpoints. */
export async function deleteExperiment(db: ExperimentDb, experimentId: string): Promise<void> {
  await db.transaction('rw', db.experiments, db.runs, db.checkpoints, async () => {
    await db.experiments.delete(experimentId);
    await db.runs.where('experimentId').equals(experimentId).delete();
    await db.checkpoints.where('experimentId').equals(experimentId).delete();
  });
}
