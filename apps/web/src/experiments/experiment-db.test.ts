import 'fake-indexeddb/auto';
import {
  type ExperimentProgress,
  type ExperimentRun,
  type ExperimentSpec,
  runExperiment,
} from '@backflow/engine';
import { createSimulatedModel } from '@backflow/sim';
import {
  createIdbExperimentStore,
  type ExperimentDb,
  loadExperimentRuns,
  openExperimentDb,
} from './experiment-db';
import { runOnSimulator, smallGridSpec } from './test-support/fixture';

/** A 2-arm x 2-seed grid on the simulator, small enough for a unit test. */
const spec: ExperimentSpec = smallGridSpec();

let n = 0;
const freshDb = () => openExperimentDb(`experiments-${Date.now()}-${++n}`);
const ctx = () => {
  const model = createSimulatedModel({ seed: 0 });
  return { forwardModel: model, optimizerModel: model };
};
/** A run without its wall time (the clock's, not the grid's). */
const comparable = (runs: ExperimentRun[]) => runs.map(({ wallMs: _, ...rest }) => rest);

async function newExperiment(db: ExperimentDb, id = 'e1') {
  await db.experiments.put({ id, source: 'Workflow: test', createdAt: 1, spec, status: 'running' });
  return (await db.experiments.get(id))!;
}

describe('IndexedDB experiment store', () => {
  it('keeps checkpoints and runs per experiment; a stored run replaces its checkpoint', async () => {
    const db = freshDb();
    const row = await newExperiment(db);
    const heard: string[] = [];
    const store = createIdbExperimentStore(db, 'e1', (run) => heard.push(`${run.arm}@${run.seed}`));
    const other = createIdbExperimentStore(db, 'e2');
    const checkpoint = { state: { unitIndex: 3 } as never, wallMs: 12, baseline: 0.5 };
    await store.saveCheckpoint('sembp@1', checkpoint);
    expect(await store.loadCheckpoint('sembp@1')).toEqual(checkpoint);
    expect(await other.loadCheckpoint('sembp@1')).toBeUndefined();
    const run = { arm: 'sembp', seed: 1, testScore: 1 } as ExperimentRun;
    await store.saveRun('sembp@1', run);
    expect(await store.loadRun('sembp@1')).toEqual(run);
    expect(await store.loadCheckpoint('sembp@1')).toBeUndefined();
    expect(heard).toEqual(['sembp@1']);
    await store.saveRun('textgrad@2', { ...run, arm: 'textgrad', seed: 2 });
    await store.saveRun('sembp@2', { ...run, seed: 2 });
    expect((await loadExperimentRuns(db, row)).map((r) => `${r.arm}@${r.seed}`)).toEqual([
      'sembp@1',
      'sembp@2',
      'textgrad@2',
    ]);
    db.close();
  });

  it('a grid stopped mid-run resumes from IndexedDB to the runs an uninterrupted grid gives', async () => {
    const referenceProgress: ExperimentProgress[] = [];
    const reference = await runExperiment(spec, createIdbExperimentStore(freshDb(), 'ref'), {
      context: ctx,
      now: () => 0,
      onProgress: (p) => referenceProgress.push(p),
    });
    expect(reference.stopped).toBeNull();
    expect(reference.runs).toHaveLength(4);

    const db = freshDb();
    const abort = new AbortController();
    const seen: ExperimentProgress[] = [];
    const first = await runExperiment(spec, createIdbExperimentStore(db, 'e1'), {
      context: ctx,
      now: () => 0,
      signal: abort.signal,
      // Stop in the middle of the second run: one run finished, one checkpointed mid-way.
      onProgress: (p) => {
        seen.push(p);
        if (p.runIndex === 1 && p.unit === 3) abort.abort();
      },
    });
    expect(first.stopped).toBe('aborted');
    expect(first.runs).toHaveLength(1);
    expect(await db.checkpoints.count()).toBe(1);
    // A reload: a new database handle on the same data, a new store, the same runner.
    db.close();
    const reopened = openExperimentDb(db.name);
    const resumed: ExperimentProgress[] = [];
    const second = await runExperiment(spec, createIdbExperimentStore(reopened, 'e1'), {
      context: ctx,
      now: () => 0,
      onProgress: (p) => resumed.push(p),
    });
    expect(second.stopped).toBeNull();
    expect(comparable(second.runs)).toEqual(comparable(reference.runs));
    // The second run went on from its checkpoint: its units before and after the stop add up to
    // the uninterrupted run's, and the first run was not run again.
    const unitsOf = (list: ExperimentProgress[], runIndex: number) =>
      list.filter((p) => p.runIndex === runIndex).length;
    expect(unitsOf(seen, 1)).toBe(3);
    expect(unitsOf(seen, 1) + unitsOf(resumed, 1)).toBe(unitsOf(referenceProgress, 1));
    expect(unitsOf(resumed, 0)).toBe(0);
    expect(await reopened.checkpoints.count()).toBe(0);
    reopened.close();
  });
});

describe('experiment host (inline)', () => {
  it('runs a stored grid on the simulator, reports each run, and records the outcome', async () => {
    const db = freshDb();
    await newExperiment(db, 'h1');
    const messages = await runOnSimulator(db.name, 'h1');
    expect(messages.filter((m) => m.type === 'run')).toHaveLength(4);
    expect(messages.at(-1)).toMatchObject({ type: 'ended', stopped: null, models: { simulated: true } });
    expect((await db.experiments.get('h1'))?.status).toBe('done');
    expect(await db.runs.where('experimentId').equals('h1').count()).toBe(4);
    db.close();
  });

  it('a budget stops the grid cleanly and the row says so', async () => {
    const db = freshDb();
    await db.experiments.put({
      id: 'b1',
      source: 'Workflow: test',
      createdAt: 1,
      spec: { ...spec, budget: { maxCalls: 30 } },
      status: 'running',
    });
    const messages = await runOnSimulator(db.name, 'b1');
    expect(messages.at(-1)).toMatchObject({ type: 'ended', stopped: 'budgetExhausted' });
    expect((await db.experiments.get('b1'))?.status).toBe('budgetExhausted');
    expect(await db.checkpoints.where('experimentId').equals('b1').count()).toBe(1);
    db.close();
  });
});
