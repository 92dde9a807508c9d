import 'fake-indexeddb/auto';
import {
  type CallRecord,
  type SessionEvent,
  type SessionProgress,
  splitSessionState,
} from '@backflow/engine';
import { fixtureFiles } from '../run-views/test-support/fixture-files';
import { type RecordedRun, recordRun } from '../run-views/test-support/run-fixture';
import { defaultSettings } from '../settings/provider-settings';
import { createStudioStore } from '../store/create-store';
import { attachPersistence } from './attach';
import { type CallRow, type CheckpointRow, openBackflowDb, type QuarantinedTable } from './db';
import { createProject, deleteProject, duplicateProject, restoreProject, saveDatasetRow } from './projects';
import { listQuarantine, quarantineMessage } from './quarantine';
import { listRuns } from './run-list';
import { readCallRow, readCheckpointRow, readEventRow } from './run-rows';
import { createRunRow, createRunWriter, loadRun } from './runs';
import { RefusedWrite } from './stored-rows';

let seq = 0;
const freshDb = () => openBackflowDb(`tables-${Date.now()}-${++seq}`);
const provider = {
  forward: { kind: 'simulated' as const, baseUrl: '', model: 'backflow-sim' },
  optimizer: { kind: 'simulated' as const, baseUrl: '', model: 'backflow-sim' },
};

let run: RecordedRun;
beforeAll(async () => {
  run = await recordRun(fixtureFiles('diamond-words'), { algorithm: 'sembp', iterations: 2, seed: 1 });
});

/** Stores a real run (events, calls, checkpoint) under `runId` through the writer. */
async function storeRun(db: ReturnType<typeof freshDb>, runId: string, workflowId: string) {
  await createRunRow(db, { id: runId, workflowId, startedAt: 1, algorithm: 'sembp' });
  const errors: unknown[] = [];
  const writer = createRunWriter(db, { runId, workflowId, provider, lastSeq: 0 }, (e) => errors.push(e));
  for (const call of run.calls) writer.call(call);
  for (const event of run.events) writer.event(event, () => undefined);
  const { data, progress } = splitSessionState(run.session.state);
  writer.checkpoint(progress, data);
  await writer.flush();
  return errors;
}

describe('the run tables: what a real run writes reads back', () => {
  it('every event, call record and the checkpoint of a real session pass their readers and are stored', async () => {
    expect(run.events.length).toBeGreaterThan(10);
    const types = new Set(run.events.map((e) => e.type));
    expect(types).toContain('backwardNode');
    for (const [i, event] of run.events.entries())
      expect(readEventRow({ runId: 'r', seq: i + 1, at: 1, event })).toMatchObject({ ok: true });
    for (const call of run.calls) expect(readCallRow({ ...call, runId: 'r' })).toMatchObject({ ok: true });
    const db = freshDb();
    expect(await storeRun(db, 'r1', 'w')).toEqual([]);
    expect(await db.runEvents.count()).toBe(run.events.length);
    expect(await db.calls.count()).toBe(run.calls.length);
    const opened = await loadRun(db, 'r1');
    expect(opened?.checkpoint?.state.workflow.id).toBe(run.session.state.workflow.id);
    expect(opened?.events).toHaveLength(run.events.length);
    db.close();
  });
});

describe('writes to the run tables are checked like reads', () => {
  const bad = { type: 'progress', unitIndex: 0, iteration: 1, unit: 'forward' } as unknown as SessionEvent;

  it('refuses a malformed run row', async () => {
    const db = freshDb();
    await expect(
      createRunRow(db, { id: 'r', workflowId: 7 as unknown as string, startedAt: 1 }),
    ).rejects.toBeInstanceOf(RefusedWrite);
    expect(await db.runs.count()).toBe(0);
    db.close();
  });

  it('refuses an event, a call record and a checkpoint that would not read back, and stores the rest', async () => {
    const db = freshDb();
    await createRunRow(db, { id: 'r', workflowId: 'w', startedAt: 1 });
    const errors: unknown[] = [];
    const writer = createRunWriter(db, { runId: 'r', workflowId: 'w', provider, lastSeq: 0 }, (e) =>
      errors.push(e),
    );
    const shown: string[] = [];
    writer.event(bad, (e) => shown.push(e.type));
    writer.event(run.events[0] as SessionEvent, (e) => shown.push(e.type));
    writer.call({ ...(run.calls[0] as CallRecord), usage: undefined } as unknown as CallRecord);
    writer.call(run.calls[0] as CallRecord);
    const { progress } = splitSessionState(run.session.state);
    writer.checkpoint({ ...progress, format: 'other' } as unknown as SessionProgress);
    await writer.flush();
    expect(errors.map((e) => (e as Error).message)).toEqual([
      'The run event was not stored: the progress event has no "totalUnitsEstimate".',
      'The call record was not stored: the call record has no "usage".',
      expect.stringMatching(
        /^The checkpoint was not stored: its session state does not read: Not a Backflow session/,
      ),
    ]);
    expect(errors.every((e) => e instanceof RefusedWrite)).toBe(true);
    // The refused event was never shown (stored before shown), the good one was.
    expect(shown).toEqual([run.events[0]?.type]);
    expect(await db.runEvents.count()).toBe(1);
    expect(await db.calls.count()).toBe(1);
    expect(await db.checkpoints.count()).toBe(0);
    db.close();
  });

  it('refuses a checkpoint whose model settings carry credentials in the URL', () => {
    const row = {
      runId: 'r',
      workflowId: 'w',
      at: 1,
      lastSeq: 0,
      done: false,
      state: run.session.state,
      provider: {
        forward: { kind: 'openai-compatible', baseUrl: 'http://user:pw@127.0.0.1:1/v1', model: 'm' },
        optimizer: provider.optimizer,
      },
    } as unknown as CheckpointRow;
    const read = readCheckpointRow(row);
    expect(read.ok).toBe(false);
    expect(read.ok ? '' : read.message).toMatch(/^its model settings: Forward model: Base URL/);
  });

  it('refuses settings that would not read back, keeping the stored ones, and says so once', async () => {
    const db = freshDb();
    const store = createStudioStore();
    const p = attachPersistence(store, db, { tabId: 't', delayMs: 5 });
    await p.ready;
    const good = { ...defaultSettings(), forward: { ...defaultSettings().forward, temperature: 0.5 } };
    store.setState({ settings: good });
    await p.flush();
    expect((await db.settings.get('models'))?.value).toMatchObject({ forward: { temperature: 0.5 } });
    for (const temperature of [9, 10]) {
      store.setState({ settings: { ...good, forward: { ...good.forward, temperature } } });
      await p.flush();
    }
    expect((await db.settings.get('models'))?.value).toMatchObject({ forward: { temperature: 0.5 } });
    const refusals = store.getState().toasts.filter((t) => t.text.startsWith('Not saved: The settings'));
    // Each distinct reason is said once; the two temperatures give the same sentence.
    expect(refusals.map((t) => t.text)).toEqual([
      'Not saved: The settings were not stored: Forward model: Temperature must be between 0 and 2. The last saved version is kept.',
    ]);
    p.detach();
    db.close();
  });
});

describe('every table: unreadable rows are set aside on load, the rest opens', () => {
  it('moves one bad row of each table to quarantine (run events and calls when their run is read), keeps the good ones, and names them', async () => {
    const db = freshDb();
    const project = await createProject(db, 'Kept');
    await storeRun(db, 'good', project.id);
    const goodCall = run.calls[0] as CallRecord;
    const goodCheckpoint = (await db.checkpoints.get('good')) as CheckpointRow;
    // What an older build, another tab or a hand edit could leave behind.
    await db.workflows.put({ id: 'wf_bad', name: 'Bad project', updatedAt: 0, doc: { nodes: 1 } } as never);
    await db.datasets.put({
      id: 'x:dataset',
      workflowId: 'x',
      updatedAt: 0,
      dataset: {},
      split: {},
    } as never);
    await db.settings.put({
      key: 'models',
      value: {
        forward: {
          preset: 'custom',
          baseUrl: 'http://user:hunter2@127.0.0.1:1/v1',
          model: 'm',
          apiKey: 'sk-secret',
        },
        optimizer: {},
      },
    } as never);
    await db.runs.put({
      id: 'run_bad',
      workflowId: project.id,
      startedAt: 'yesterday',
      kind: 'optimize',
      status: 'done',
    } as never);
    await db.runEvents.put({ runId: 'good', seq: 9999, at: 1, event: { type: 'explode' } } as never);
    await db.runEvents.put({ runId: 'good', seq: 10000, at: 1, event: null } as never);
    await db.calls.put({
      ...goodCall,
      callId: 'c_bad',
      runId: 'good',
      request: { messages: 'hi' },
    } as unknown as CallRow);
    await db.checkpoints.put({
      ...goodCheckpoint,
      runId: 'ck_bad',
      state: { format: 'backflow.session', version: 99 },
    } as never);

    const store = createStudioStore();
    const p = attachPersistence(store, db, { tabId: 't', delayMs: 5 });
    await p.ready;
    expect(store.getState().doc.id).toBe(project.id);
    // The load checks the small tables; a run's events and calls wait until the run is read.
    expect((await db.quarantine.toArray()).map((q) => q.table).sort()).toEqual(
      ['checkpoints', 'datasets', 'runs', 'settings', 'workflows'].sort(),
    );
    expect(store.getState().toasts.at(-1)?.text).toMatch(
      /^5 stored items could not be read and were set aside \(Projects → Set aside\): project/,
    );
    expect(await db.runEvents.count()).toBe(run.events.length + 2);
    const reported: string[][] = [];
    const report = (n: { table: string; key: string }[]) =>
      reported.push(n.map((x) => `${x.table}:${x.key}`));
    // The history lists the run from its row (its digest): its events and calls are not read.
    const listed = await listRuns(db, project.id, report);
    expect(listed.map((r) => r.run.id)).toEqual(['good']);
    expect(listed[0]?.summary.records.calls).toBe(run.calls.length);
    expect(reported).toEqual([]);
    expect(await db.runEvents.count()).toBe(run.events.length + 2);
    // Opening it reads them, sets aside the bad ones, and says so once.
    const opened = await loadRun(db, 'good', report);
    expect(opened?.events).toHaveLength(run.events.length);
    expect(opened?.calls).toHaveLength(run.calls.length);
    expect(reported).toEqual([['runEvents:good #9999', 'runEvents:good #10000', 'calls:c_bad']]);
    const set = await db.quarantine.toArray();
    const tables: QuarantinedTable[] = set.map((q) => q.table);
    expect(tables.sort()).toEqual(
      ['calls', 'checkpoints', 'datasets', 'runEvents', 'runEvents', 'runs', 'settings', 'workflows'].sort(),
    );
    const reasons = Object.fromEntries(set.map((q) => [`${q.table}:${q.key}`, q.reason]));
    expect(reasons['runEvents:good #9999']).toBe('the event type "explode" is unknown.');
    expect(reasons['runs:run_bad']).toBe('the run\'s "startedAt" is not a number.');
    expect(reasons['calls:c_bad']).toBe('the call record\'s request\'s "messages" is not an array.');
    expect(reasons['checkpoints:ck_bad']).toMatch(/written by a newer Backflow/);
    expect(reasons['settings:models']).toMatch(/Base URL/);
    // Secrets never reach the quarantine row (it is offered as a download).
    const settingsRow = JSON.stringify(set.find((q) => q.table === 'settings')?.row);
    expect(settingsRow).not.toContain('sk-secret');
    expect(settingsRow).not.toContain('hunter2');
    // The good rows stay and read; the studio runs on default settings.
    expect(store.getState().settings.forward.preset).toBe('simulated');
    expect(await db.runEvents.count()).toBe(run.events.length);
    expect(await db.calls.count()).toBe(run.calls.length);
    expect((await loadRun(db, 'good'))?.checkpoint).not.toBeNull();
    p.detach();
    db.close();
  });

  it('opening a run sets aside its events and calls that stopped reading after the load (another tab)', async () => {
    const db = freshDb();
    await storeRun(db, 'r', 'w');
    await db.runEvents.put({ runId: 'r', seq: 5000, at: 1, event: { type: 'progress' } } as never);
    await db.calls.put({ callId: 'late', runId: 'r', startedAt: 0 } as never);
    const reported: string[] = [];
    const opened = await loadRun(db, 'r', (n) => reported.push(...n.map((x) => `${x.table}:${x.key}`)));
    expect(opened?.events).toHaveLength(run.events.length);
    expect(opened?.calls).toHaveLength(run.calls.length);
    expect(reported.sort()).toEqual(['calls:late', 'runEvents:r #5000']);
    expect(await db.quarantine.count()).toBe(2);
    db.close();
  });

  it('names each table in the message', () => {
    const text = quarantineMessage([
      { table: 'runEvents', key: 'r #3', reason: 'the event is not an object.' },
      { table: 'checkpoints', key: 'r', reason: 'x.' },
    ]);
    expect(text).toBe(
      '2 stored items could not be read and were set aside (Projects → Set aside): run event r #3 (the event is not an object); checkpoint of run r (x).',
    );
  });
});

describe('every dataset write is checked', () => {
  it('duplicating or restoring a project never copies a dataset row that does not read', async () => {
    const db = freshDb();
    const project = await createProject(db, 'Source');
    await db.datasets.put({
      id: `${project.id}:dataset`,
      workflowId: project.id,
      updatedAt: 1,
      dataset: {
        id: 'd',
        name: 'Bad',
        fields: ['q'],
        examples: [{ id: '1', inputs: { q: 7 }, target: 'y' }],
      },
      split: { seed: 1, train: 1, val: 0 },
    } as never);
    const copy = await duplicateProject(db, project.id);
    expect(copy).toBeDefined();
    expect(await db.datasets.get(`${copy?.id}:dataset`)).toBeUndefined();
    const deleted = await deleteProject(db, project.id);
    if (!deleted) throw new Error('not deleted');
    await restoreProject(db, deleted);
    expect(await db.workflows.get(project.id)).toBeDefined();
    expect(await db.datasets.get(`${project.id}:dataset`)).toBeUndefined();
    await expect(
      saveDatasetRow(db, { id: 'x:dataset', workflowId: 'x', updatedAt: 1, dataset: {}, split: {} } as never),
    ).rejects.toBeInstanceOf(RefusedWrite);
    db.close();
  });

  it('lists a hand-edited quarantine row as text', async () => {
    const db = freshDb();
    await db.quarantine.add({ table: 'mystery', key: 42, at: 1, reason: null, row: {} } as never);
    const [row] = await listQuarantine(db);
    expect(row).toMatchObject({ table: 'mystery', key: '42', reason: '' });
    db.close();
  });
});
