import 'fake-indexeddb/auto';
import {
  type SessionData,
  type SessionEvent,
  type SessionProgress,
  type SessionState,
  splitSessionState,
} from '@backflow/engine';
import { fixtureFiles } from '../run-views/test-support/fixture-files';
import { recordRun } from '../run-views/test-support/run-fixture';
import { openBackflowDb } from './db';
import { createRunRow, createRunWriter, findResumableRun, loadRunEvents, prepareResume } from './runs';

// A real session's state (what the driver checkpoints: its data part once, its progress part at a
// unit index and phase of the test's choosing).
let real: SessionState;
let data: SessionData;
let realProgress: SessionProgress;
beforeAll(async () => {
  const run = await recordRun(
    fixtureFiles('diamond-words'),
    { algorithm: 'sembp', iterations: 1, seed: 1 },
    { stopAfter: 1 },
  );
  real = run.session.state;
  ({ data, progress: realProgress } = splitSessionState(real));
});

let seq = 0;
const freshDb = () => openBackflowDb(`runs-${Date.now()}-${++seq}`);
const progress = (unitIndex: number): SessionEvent => ({
  type: 'progress',
  unitIndex,
  iteration: 1,
  unit: 'forward',
  totalUnitsEstimate: 10,
  totals: { calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 },
});
const state = (unitIndex: number, done = false): SessionProgress => ({
  ...realProgress,
  unitIndex,
  phase: done ? { kind: 'done' } : { kind: 'forward' },
});
// Two endpoints with two keys: neither may reach a stored row.
const provider = {
  forward: {
    kind: 'openai-compatible' as const,
    baseUrl: 'http://127.0.0.1:1/v1',
    apiKey: 'sk-secret',
    model: 'm',
  },
  optimizer: {
    kind: 'openai-compatible' as const,
    baseUrl: 'http://127.0.0.1:2/v1',
    apiKey: 'sk-other',
    model: 'o',
  },
};

describe('run persistence', () => {
  it('stores events in order before reporting them, and checkpoints without the API key', async () => {
    const db = freshDb();
    await createRunRow(db, { id: 'r1', workflowId: 'w', startedAt: 1 });
    const writer = createRunWriter(db, { runId: 'r1', workflowId: 'w', provider, lastSeq: 0 });
    const seen: number[] = [];
    for (const i of [0, 1, 2]) {
      writer.event(progress(i), async (_event, s) => {
        // The row is already readable when the UI hears about it.
        expect(await db.runEvents.get(['r1', s])).toBeDefined();
        seen.push(s);
      });
    }
    writer.checkpoint(state(3), data);
    await writer.flush();
    expect(seen).toEqual([1, 2, 3]);
    const checkpoint = await db.checkpoints.get('r1');
    expect(checkpoint?.lastSeq).toBe(3);
    expect(JSON.stringify(checkpoint)).not.toContain('sk-secret');
    expect(JSON.stringify(checkpoint)).not.toContain('sk-other');
    expect(checkpoint?.provider).toMatchObject({
      optimizer: { baseUrl: 'http://127.0.0.1:2/v1', model: 'o' },
    });
  });

  it('offers the newest unfinished run and drops events written after its checkpoint on resume', async () => {
    const db = freshDb();
    await createRunRow(db, { id: 'r1', workflowId: 'w', startedAt: 1 });
    const writer = createRunWriter(db, { runId: 'r1', workflowId: 'w', provider, lastSeq: 0 });
    const call = (callId: string) => ({
      callId,
      purpose: 'forward' as const,
      model: 'm',
      startedAt: 1,
      latencyMs: 1,
      attempts: 1,
      usage: { inputTokens: 1, outputTokens: 1 },
      costUsd: 0,
      cached: false,
      request: { messages: [{ role: 'user' as const, content: 'q' }] },
    });
    writer.call(call('c1'));
    writer.event(progress(0), () => undefined);
    writer.checkpoint(state(1), data);
    // The tab closes after the next unit's call and event were stored but before its checkpoint.
    writer.call(call('c2'));
    writer.event(progress(1), () => undefined);
    await writer.flush();
    const found = await findResumableRun(db, 'w');
    expect(found?.run.id).toBe('r1');
    const kept = await prepareResume(db, found?.checkpoint as NonNullable<typeof found>['checkpoint']);
    expect(kept.events).toEqual([progress(0)]);
    expect(kept.calls.map((c) => c.callId)).toEqual(['c1']);
    expect(await loadRunEvents(db, 'r1')).toEqual([progress(0)]);
    expect((await db.calls.toArray()).map((c) => c.callId)).toEqual(['c1']);

    const done = createRunWriter(db, { runId: 'r1', workflowId: 'w', provider, lastSeq: 1 });
    done.checkpoint(state(2, true));
    await done.flush();
    expect(await findResumableRun(db, 'w')).toBeNull();
  });

  it('stores the run data once; checkpoints hold the progress only and resume only beside their data', async () => {
    const db = freshDb();
    await createRunRow(db, { id: 'r1', workflowId: 'w', startedAt: 1 });
    const writer = createRunWriter(db, { runId: 'r1', workflowId: 'w', provider, lastSeq: 0 });
    const puts: string[] = [];
    const put = db.runData.put.bind(db.runData);
    db.runData.put = ((row: Parameters<typeof put>[0]) => {
      puts.push(row.runId ?? '');
      return put(row);
    }) as typeof db.runData.put;
    writer.checkpoint(state(0), data);
    writer.checkpoint(state(1));
    // A resumed controller sends the data again with its first checkpoint: stored already.
    writer.checkpoint(state(2), data);
    await writer.flush();
    expect(puts).toEqual(['r1']);
    const row = await db.checkpoints.get('r1');
    expect(row?.progress?.unitIndex).toBe(2);
    expect(row).not.toHaveProperty('state');
    expect((await findResumableRun(db, 'w'))?.checkpoint.state).toMatchObject({
      unitIndex: 2,
      train: real.train,
    });

    // Progress without its data (or beside other data) is not offered: it could not resume.
    await db.runData.put({ runId: 'r1', at: 2, data: { ...data, hash: 'other' } });
    expect(await findResumableRun(db, 'w')).toBeNull();
    await db.runData.delete('r1');
    expect(await findResumableRun(db, 'w')).toBeNull();
  });
});
