import 'fake-indexeddb/auto';
import { type CallRecord, SESSION_EVENT_VERSION, type SessionEvent } from '@backflow/engine';
import { createStudioStore } from '../store/create-store';
import { attachPersistence } from './attach';
import { openBackflowDb } from './db';
import { quarantineUnreadable, setAsideRows, toastSetAside } from './quarantine';
import { readRunCallRows, readRunEventRows } from './run-reads';
import { readEventRow } from './run-rows';
import { loadRunEvents, prepareResume } from './runs';

let seq = 0;
const freshDb = () => openBackflowDb(`reads-${Date.now()}-${++seq}`);
const progress = (unitIndex: number): SessionEvent => ({
  type: 'progress',
  unitIndex,
  iteration: 1,
  unit: 'forward',
  totalUnitsEstimate: 10,
  totals: { calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 },
});
const call = (callId: string, runId: string, startedAt: number, checkpoint = 0) => ({
  callId,
  runId,
  checkpoint,
  purpose: 'forward',
  model: 'backflow-sim',
  startedAt,
  latencyMs: 1,
  attempts: 1,
  usage: { inputTokens: 1, outputTokens: 1 },
  costUsd: 0,
  cached: false,
  request: { messages: [{ role: 'user', content: 'hi' }] },
  responseText: 'ok',
});
const keys = (notices: { table: string; key: string }[]) => notices.map((n) => `${n.table}:${n.key}`);

/** Two runs' rows, each with a bad event and a bad call: what an older build or a hand edit leaves. */
async function seed() {
  const db = freshDb();
  for (const runId of ['a', 'b']) {
    await db.runEvents.bulkPut(
      [3, 1, 2].map((s) => ({ runId, seq: s, at: 1, v: SESSION_EVENT_VERSION, event: progress(s) })),
    );
    await db.runEvents.put({ runId, seq: 4, at: 1, event: { type: 'explode' } } as never);
    await db.calls.bulkPut([call(`${runId}2`, runId, 20), call(`${runId}1`, runId, 10)] as never);
    await db.calls.put({ ...call(`${runId}x`, runId, 5), usage: null } as never);
  }
  return db;
}

describe("a run's events and calls are checked when the run is read", () => {
  it('the load leaves the event and call tables alone (their size grows with the history)', async () => {
    const db = await seed();
    expect(await quarantineUnreadable(db)).toEqual([]);
    const store = createStudioStore();
    const p = attachPersistence(store, db, { tabId: 't', delayMs: 5 });
    await p.ready;
    expect(await db.quarantine.count()).toBe(0);
    expect(await db.runEvents.count()).toBe(8);
    expect(await db.calls.count()).toBe(6);
    expect(store.getState().toasts).toEqual([]);
    p.detach();
    db.close();
  });

  it("reading a run's events gives those that read, in seq order, and sets aside its bad one only", async () => {
    const db = await seed();
    const read = await readRunEventRows(db, 'a');
    expect(read.rows.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(keys(read.setAside)).toEqual(['runEvents:a #4']);
    expect(read.setAside[0]?.reason).toBe('the event type "explode" is unknown.');
    expect(await db.runEvents.get(['a', 4])).toBeUndefined();
    // The other run's bad row waits for its own run to be read.
    expect(await db.runEvents.get(['b', 4])).toBeDefined();
    const [kept] = await db.quarantine.toArray();
    expect(kept).toMatchObject({ table: 'runEvents', key: 'a #4', row: { runId: 'a', seq: 4 } });
    // Read again, nothing more to set aside.
    expect((await readRunEventRows(db, 'a')).setAside).toEqual([]);
    db.close();
  });

  it("reading a run's calls gives those that read in the order they started, and sets aside the bad one", async () => {
    const db = await seed();
    const read = await readRunCallRows(db, 'b');
    expect(read.rows.map((r) => r.callId)).toEqual(['b1', 'b2']);
    expect(keys(read.setAside)).toEqual(['calls:bx']);
    expect(read.setAside[0]?.reason).toBe('the call record\'s "usage" is not an object.');
    expect(await db.calls.get('bx')).toBeUndefined();
    expect(await db.calls.get('ax')).toBeDefined();
    db.close();
  });

  it('the loaders tell their caller what they set aside, once per read, and nothing when all reads', async () => {
    const db = await seed();
    const told: string[][] = [];
    const report = (n: { table: string; key: string }[]) => told.push(keys(n));
    expect(await loadRunEvents(db, 'a', report)).toEqual([1, 2, 3].map(progress));
    const resumed = await prepareResume(db, { runId: 'a', lastSeq: 3, ordinal: 1 }, report);
    expect(resumed.calls.map((c: CallRecord) => c.callId)).toEqual(['a1', 'a2']);
    expect(await loadRunEvents(db, 'a', report)).toHaveLength(3);
    expect(told).toEqual([['runEvents:a #4'], ['calls:ax']]);
    db.close();
  });

  it('Resume sets aside the bad events and calls before it keeps those its checkpoint covers', async () => {
    const db = await seed();
    const told: string[][] = [];
    const kept = await prepareResume(db, { runId: 'b', lastSeq: 2, ordinal: 1 }, (n) => told.push(keys(n)));
    expect(kept.events).toEqual([progress(1), progress(2)]);
    // The calls it hands the session are read in the same pass, in the order they started.
    expect(kept.calls.map((c) => c.callId)).toEqual(['b1', 'b2']);
    expect(told).toEqual([['runEvents:b #4', 'calls:bx']]);
    expect((await db.runEvents.where('runId').equals('b').toArray()).map((r) => r.seq)).toEqual([1, 2]);
    expect(await db.quarantine.count()).toBe(2);
    db.close();
  });

  it('a row another tab replaced with one that reads, or deleted, since it was read is not moved', async () => {
    const db = await seed();
    await db.runEvents.put({ runId: 'a', seq: 4, at: 1, v: SESSION_EVENT_VERSION, event: progress(4) });
    await db.runEvents.delete(['b', 4]);
    const moved = await setAsideRows(db, 'runEvents', readEventRow, [
      ['a', 4],
      ['b', 4],
    ]);
    expect(moved).toEqual([]);
    expect(await db.quarantine.count()).toBe(0);
    expect(await db.runEvents.get(['a', 4])).toBeDefined();
    db.close();
  });

  it('the toast names what was set aside, and says nothing when nothing was', () => {
    const store = createStudioStore();
    toastSetAside(store)([]);
    expect(store.getState().toasts).toEqual([]);
    toastSetAside(store)([{ table: 'calls', key: 'c9', reason: 'x.' }]);
    expect(store.getState().toasts.map((t) => [t.kind, t.text])).toEqual([
      [
        'error',
        '1 stored item could not be read and was set aside (Projects → Set aside): call record c9 (x).',
      ],
    ]);
  });
});
