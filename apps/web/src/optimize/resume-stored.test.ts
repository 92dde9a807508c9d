import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promptsOf, SESSION_EVENT_VERSION, type SessionState } from '@backflow/engine';
import { type CheckpointRow, openBackflowDb, type RunRow, type SessionEventRow } from '../persistence/db';
import { loadRun, loadRunEvents } from '../persistence/runs';
import { formOfSession } from './form-of-session';
import { finished, setup, until } from './test-support/driver-harness';

// Stored by the studio of the main branch of 2026-12-07, never regenerated: a GTBP run on the
// simulator's chain3 fixture stopped after its first backward pass ("Run to end of pass"). Its
// events have no format version and its checkpoint row holds the whole session state (before the
// data and progress parts were stored apart).
const FIXTURE = join(import.meta.dirname, '..', 'persistence', 'fixtures', 'run-2026-12-07-stopped.json');
interface StoredFixture {
  runs: RunRow[];
  runEvents: SessionEventRow[];
  checkpoints: (CheckpointRow & { state: SessionState })[];
}
const stored = () => JSON.parse(readFileSync(FIXTURE, 'utf8')) as StoredFixture;

async function dbWithFixture() {
  const db = openBackflowDb(`stored-${Date.now()}-${Math.random()}`);
  const rows = stored();
  await db.runs.bulkPut(rows.runs);
  await db.runEvents.bulkPut(rows.runEvents);
  await db.checkpoints.bulkPut(rows.checkpoints);
  return { db, rows };
}

describe('a run stored by the studio of 2026-12-07', () => {
  it('reads its unversioned events and shows it from its whole-state checkpoint', async () => {
    const { db, rows } = await dbWithFixture();
    const runId = rows.runs[0]?.id as string;
    expect(rows.runEvents.every((r) => r.v === undefined)).toBe(true);
    expect(await loadRunEvents(db, runId)).toEqual(rows.runEvents.map((r) => r.event));
    const opened = await loadRun(db, runId);
    expect(opened?.checkpoint?.state).toEqual(rows.checkpoints[0]?.state);
  });

  it('resumes from its whole-state checkpoint to the prompts of an uninterrupted run, then stores the parts', async () => {
    const { db, rows } = await dbWithFixture();
    const runId = rows.runs[0]?.id as string;
    const state = rows.checkpoints[0]?.state as SessionState;

    // The same run, uninterrupted, from its own settings.
    const reference = setup();
    await reference.driver.start(formOfSession(state));
    reference.driver.play();
    const refEnd = await until(reference.store, finished);
    expect(refEnd.status).toBe('done');

    const h = setup(db);
    await h.driver.checkResumable();
    expect(h.store.getState().resumable?.run.id).toBe(runId);
    await h.driver.resume();
    h.driver.play();
    const end = await until(h.store, finished);
    await h.driver.flush();
    expect(end.status).toBe('done');
    expect(promptsOf(h.studio.getState().doc)).toEqual(promptsOf(reference.studio.getState().doc));
    expect(end.events.map((e) => e.type)).toEqual(refEnd.events.map((e) => e.type));

    // From the resume on, the run is stored the new way: its data once, checkpoints of progress.
    const row = await db.checkpoints.get(runId);
    expect(row?.state).toBeUndefined();
    expect(row?.progress?.phase).toEqual({ kind: 'done' });
    const data = await db.runData.get(runId);
    expect(data?.data.train).toEqual(state.train);
    expect(row?.progress?.dataHash).toBe(data?.data.hash);
    const versions = (await db.runEvents.where('runId').equals(runId).sortBy('seq')).map((r) => r.v);
    expect(versions.slice(0, rows.runEvents.length).every((v) => v === undefined)).toBe(true);
    expect(versions.slice(rows.runEvents.length).every((v) => v === SESSION_EVENT_VERSION)).toBe(true);
  });
});
