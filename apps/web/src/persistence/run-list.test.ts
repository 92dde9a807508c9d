import 'fake-indexeddb/auto';
import { type SessionEvent, splitSessionState } from '@backflow/engine';
import { Dexie } from 'dexie';
import { digestOf, isRunDigest } from '../run-views/derive/digest';
import { metricSeries } from '../run-views/derive/metrics';
import { runSummary } from '../run-views/derive/summary';
import { fixtureFiles } from '../run-views/test-support/fixture-files';
import { type RecordedRun, recordRun } from '../run-views/test-support/run-fixture';
import { type BackflowDb, declareVersions1And2, openBackflowDb } from './db';
import { quarantineUnreadable } from './quarantine';
import { listRuns } from './run-list';
import { createRunRow, createRunWriter, findResumableRun, loadRun, prepareResume } from './runs';

let seq = 0;
const freshName = () => `list-${Date.now()}-${++seq}`;
const provider = {
  forward: { kind: 'simulated' as const, baseUrl: '', model: 'backflow-sim' },
  optimizer: { kind: 'simulated' as const, baseUrl: '', model: 'backflow-sim' },
};

let run: RecordedRun;
beforeAll(async () => {
  run = await recordRun(fixtureFiles('diamond-words'), {
    algorithm: 'sembp',
    iterations: 2,
    batchSize: 4,
    errorBatchSize: 2,
    seed: 1,
  });
});

/** What the history showed before digests: the summary and curves of the run's whole rows. */
function fromRows(events: readonly SessionEvent[], calls: typeof run.calls) {
  const { prompts: _, ...summary } = runSummary(events, calls);
  return { summary, series: metricSeries(events, calls) };
}

/** Rounds costs (a digest sums them in another order than the rows' reading). */
const rounded = (x: unknown) =>
  JSON.parse(
    JSON.stringify(x, (k, v) => (typeof v === 'number' && /cost/i.test(k) ? Number(v.toFixed(12)) : v)),
  );

/** The listed runs' summaries and curves, costs rounded. */
async function listed(db: BackflowDb, workflowId = 'w') {
  return rounded((await listRuns(db, workflowId)).map((r) => ({ summary: r.summary, series: r.series })));
}

/** Deletes every event and call row: a list that still shows the same read none of them. */
async function dropRows(db: BackflowDb) {
  await db.runEvents.clear();
  await db.calls.clear();
}

/** Stores `run` through the writer, calls and events interleaved as a live run stores them. */
async function storeLive(db: BackflowDb, runId: string, events = run.events, calls = run.calls) {
  await createRunRow(db, { id: runId, workflowId: 'w', startedAt: 1, algorithm: 'sembp' });
  const writer = createRunWriter(db, { runId, workflowId: 'w', provider, lastSeq: 0 });
  const perEvent = Math.ceil(calls.length / Math.max(1, events.length));
  events.forEach((event, i) => {
    for (const call of calls.slice(i * perEvent, (i + 1) * perEvent)) writer.call(call);
    writer.event(event, () => undefined);
  });
  for (const call of calls.slice(events.length * perEvent)) writer.call(call);
  await writer.flush();
  return writer;
}

describe('the run history lists runs from their rows alone', () => {
  it('shows what the whole rows show, without reading an event or a call', async () => {
    const db = openBackflowDb(freshName());
    await storeLive(db, 'r1');
    const want = rounded([fromRows(run.events, run.calls)]);
    expect(await listed(db)).toEqual(want);
    expect((await listRuns(db, 'w'))[0]?.summary.records.calls).toBe(run.calls.length);
    await dropRows(db);
    expect(await listed(db)).toEqual(want);
    // The digest goes with its run row.
    await db.runs.delete('r1');
    expect(await listRuns(db, 'w')).toEqual([]);
    db.close();
  });

  it('a run left mid-way (a reload) lists what is stored; a resume rebuilds its digest from what it keeps', async () => {
    const db = openBackflowDb(freshName());
    const half = Math.floor(run.events.length / 2);
    await createRunRow(db, { id: 'r', workflowId: 'w', startedAt: 1, algorithm: 'sembp' });
    const writer = createRunWriter(db, { runId: 'r', workflowId: 'w', provider, lastSeq: 0 });
    for (const call of run.calls.slice(0, 20)) writer.call(call);
    for (const event of run.events.slice(0, half)) writer.event(event, () => undefined);
    const { data, progress } = splitSessionState(run.session.state);
    writer.checkpoint({ ...progress, phase: { kind: 'forward' } }, data);
    // The next unit's calls and events are stored, then the tab goes before its checkpoint.
    for (const call of run.calls.slice(20, 30)) writer.call(call);
    for (const event of run.events.slice(half, half + 3)) writer.event(event, () => undefined);
    await writer.flush();

    const opened = await loadRun(db, 'r');
    expect(opened?.events).toHaveLength(half + 3);
    const stored = rounded([fromRows(opened?.events ?? [], opened?.calls ?? [])]);
    expect(await listed(db)).toEqual(stored);
    expect((await listRuns(db, 'w'))[0]?.summary.status).toBe('running');

    const found = await findResumableRun(db, 'w');
    const kept = await prepareResume(db, found?.checkpoint as NonNullable<typeof found>['checkpoint']);
    expect(kept.events).toHaveLength(half);
    expect(kept.calls).toHaveLength(20);
    const resumed = rounded([fromRows(kept.events, kept.calls)]);
    expect(await listed(db)).toEqual(resumed);
    await dropRows(db);
    expect(await listed(db)).toEqual(resumed);
    db.close();
  });

  it('opening a run sets aside its rows that no longer read and rebuilds its digest without them', async () => {
    const db = openBackflowDb(freshName());
    await storeLive(db, 'r');
    // Rows that stopped reading after they were stored (another tab, a hand edit).
    const last = run.events.length;
    await db.runEvents.update(['r', last], { event: { type: 'explode' } as never });
    await db.calls.update(run.calls[0]?.callId as string, { usage: null as never });
    const reported: string[] = [];
    const opened = await loadRun(db, 'r', (n) => reported.push(...n.map((x) => `${x.table}:${x.key}`)));
    expect(reported.sort()).toEqual([`calls:${run.calls[0]?.callId}`, `runEvents:r #${last}`]);
    expect(opened?.events).toHaveLength(last - 1);
    const want = rounded([fromRows(run.events.slice(0, -1), run.calls.slice(1))]);
    expect(rounded([fromRows(opened?.events ?? [], opened?.calls ?? [])])).toEqual(want);
    await dropRows(db);
    expect(await listed(db)).toEqual(want);
    db.close();
  });

  it('a digest that does not read is left out, the run kept, and rebuilt once when listed', async () => {
    const db = openBackflowDb(freshName());
    await storeLive(db, 'r');
    await db.runs.update('r', { digest: { v: 1, events: 'many' } as never });
    expect(await quarantineUnreadable(db)).toEqual([]);
    const want = rounded([fromRows(run.events, run.calls)]);
    expect(await listed(db)).toEqual(want);
    expect(isRunDigest((await db.runs.get('r'))?.digest)).toBe(true);
    await dropRows(db);
    expect(await listed(db)).toEqual(want);
    db.close();
  });
});

describe('schema version 5', () => {
  it('opens a version 4 database and lists its runs right; each digest is built once, and set-aside rows are reported', async () => {
    const name = freshName();
    const v4 = new Dexie(name);
    declareVersions1And2(v4);
    v4.version(3).stores({ events: null, quarantine: '++id, at' });
    v4.version(4).stores({ runData: 'runId' });
    for (const [id, startedAt] of [
      ['old1', 1],
      ['old2', 2],
    ] as const) {
      await v4
        .table('runs')
        .put({ id, workflowId: 'w', startedAt, kind: 'optimize', status: 'done', algorithm: 'sembp' });
      // Events as the studio of 2026-12-07 stored them (old2's without the format version).
      await v4.table('runEvents').bulkPut(
        run.events.map((event, i) => ({
          runId: id,
          seq: i + 1,
          at: 1,
          ...(id === 'old1' ? { v: 1 } : {}),
          event,
        })),
      );
      await v4
        .table('calls')
        .bulkPut(run.calls.map((c) => ({ ...c, callId: `${id}-${c.callId}`, runId: id, checkpoint: 0 })));
    }
    await v4.table('runEvents').put({ runId: 'old2', seq: 9999, at: 1, event: { type: 'explode' } });
    await v4.table('runs').put({ id: 'fwd', workflowId: 'w', startedAt: 3, kind: 'forward', status: 'done' });
    v4.close();

    const db = openBackflowDb(name);
    await db.open();
    expect(db.verno).toBe(5);
    expect(await quarantineUnreadable(db)).toEqual([]);
    const reported: string[] = [];
    const first = await listRuns(db, 'w', (n) => reported.push(...n.map((x) => `${x.table}:${x.key}`)));
    expect(first.map((r) => r.run.id)).toEqual(['old2', 'old1']);
    const want = rounded([fromRows(run.events, run.calls), fromRows(run.events, run.calls)]);
    expect(rounded(first.map((r) => ({ summary: r.summary, series: r.series })))).toEqual(want);
    expect(reported).toEqual(['runEvents:old2 #9999']);
    const digest = (await db.runs.get('old1'))?.digest;
    expect(isRunDigest(digest)).toBe(true);
    expect(rounded(digest)).toEqual(rounded(digestOf(run.events, run.calls)));
    // Written back: the next list reads no event or call row.
    await dropRows(db);
    expect(await listed(db)).toEqual(want);
    // The old run still opens (its rows gone here, so it opens empty) and its row keeps its fields.
    expect((await loadRun(db, 'old1'))?.run).toMatchObject({ status: 'done', algorithm: 'sembp' });
    db.close();
  });
});
