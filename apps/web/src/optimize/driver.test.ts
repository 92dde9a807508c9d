import 'fake-indexeddb/auto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promptsOf } from '@backflow/engine';
import { brokenFixtures } from '@backflow/engine/optim/test-support/fixtures.ts';
import { openBackflowDb } from '../persistence/db';
import { loadRunEvents } from '../persistence/runs';
import { createStudioStore } from '../store/create-store';
import { inlineClient } from '../worker/client';
import { createOptimizeDriver } from './driver';
import { defaultForm, type OptimizeForm } from './form';
import { createOptimizeStore, type OptimizeState, type OptimizeStore } from './optimize-state';

const ROOT = join(import.meta.dirname, '..', '..', '..', '..', 'packages', 'sim', 'fixtures');
const fixtures = brokenFixtures(
  ROOT,
  (dir) => readdirSync(dir).filter((name) => !name.startsWith('.')),
  (path) => readFileSync(path, 'utf8'),
);
const fixture = fixtures.find((f) => f.name.startsWith('chain3')) ?? fixtures[0];

let dbSeq = 0;

function setup(db = openBackflowDb(`optimize-${Date.now()}-${++dbSeq}`)) {
  if (!fixture) throw new Error('no simulator fixture');
  const studio = createStudioStore();
  studio.getState().loadDoc(fixture.workflow);
  studio.getState().setDataset({ name: 'train', examples: [...fixture.train, ...fixture.val] } as never);
  const store = createOptimizeStore();
  let runs = 0;
  const driver = createOptimizeDriver({
    db,
    studio,
    store,
    createClient: inlineClient,
    newRunId: () => `run-${dbSeq}-${++runs}`,
  });
  return { db, studio, store, driver };
}

function until(store: OptimizeStore, done: (s: OptimizeState) => boolean): Promise<OptimizeState> {
  return new Promise((resolve) => {
    const check = () => {
      const s = store.getState();
      if (done(s)) {
        unsubscribe();
        resolve(s);
      }
    };
    const unsubscribe = store.subscribe(check);
    check();
  });
}

const form: OptimizeForm = { ...defaultForm('gtbp'), iterations: 2, batchSize: 4, seed: 5 };
const finished = (s: OptimizeState) => s.status === 'done' || s.status === 'error' || s.status === 'budget';

describe('optimize driver (inline engine, fake IndexedDB)', () => {
  it('plays a GTBP run to the end, stores every event before showing it and writes the prompts', async () => {
    const { db, studio, store, driver } = setup();
    await driver.start(form);
    await until(store, (s) => s.status === 'ready' || s.status === 'paused' || s.status === 'error');
    driver.play();
    await until(store, finished);
    await driver.flush();
    const end = store.getState();
    expect(end.status).toBe('done');
    const stored = await loadRunEvents(db, end.runId as string);
    expect(stored).toEqual(end.events);
    const done = end.events.find((e) => e.type === 'runDone');
    if (done?.type !== 'runDone') throw new Error('no runDone');
    expect(promptsOf(studio.getState().doc)).toEqual(done.prompts);
    expect(studio.getState().past.length).toBe(1);
    const checkpoint = await db.checkpoints.get(end.runId as string);
    expect(checkpoint?.done).toBe(true);
    expect(checkpoint?.provider).not.toHaveProperty('apiKey');
    expect(
      await db.calls
        .where('runId')
        .equals(end.runId as string)
        .count(),
    ).toBeGreaterThan(0);
  });

  it('stepping shows the backward pass node by node; a reload mid-iteration resumes to the same prompts', async () => {
    const reference = setup();
    await reference.driver.start(form);
    reference.driver.play();
    const refEnd = await until(reference.store, finished);

    const first = setup();
    await first.driver.start(form);
    first.driver.runToEndOfPass();
    const afterPass = await until(first.store, (s) => s.status === 'paused' || finished(s));
    expect(afterPass.backwardOrder.length).toBeGreaterThan(0);
    expect(Object.keys(afterPass.blame).length).toBeGreaterThan(0);
    first.driver.step();
    await until(first.store, (s) => s.status === 'paused' || finished(s));
    await first.driver.flush();
    first.driver.dispose();

    // "Reload": a new studio, store and engine over the same database.
    const second = setup(first.db);
    await second.driver.checkResumable();
    expect(second.store.getState().resumable?.run.id).toBe(afterPass.runId);
    await second.driver.resume();
    second.driver.play();
    const end = await until(second.store, finished);
    await second.driver.flush();
    expect(end.status).toBe('done');
    expect(promptsOf(second.studio.getState().doc)).toEqual(promptsOf(reference.studio.getState().doc));
    const stored = await loadRunEvents(first.db, end.runId as string);
    expect(stored.map((e) => e.type)).toEqual(refEnd.events.map((e) => e.type));
    const seqs = (
      await first.db.runEvents
        .where('runId')
        .equals(end.runId as string)
        .toArray()
    ).map((r) => r.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  });

  it('a budget below the preflight stops at the budget with a message and keeps what was done', async () => {
    const { db, store, driver } = setup();
    await driver.start({ ...form, maxCalls: 40 });
    driver.play();
    await until(store, finished);
    await driver.flush();
    const end = store.getState();
    expect(end.status).toBe('budget');
    expect(end.message).toMatch(/budget/i);
    expect(end.totals.calls).toBeLessThanOrEqual(40);
    expect(await loadRunEvents(db, end.runId as string)).toEqual(end.events);
  });

  it('pauses with a message when a write fails, instead of going on with lost records', async () => {
    const { db, store, driver } = setup();
    await driver.start(form);
    driver.step();
    await until(store, (s) => s.status === 'paused');
    db.runEvents.put = () => Promise.reject(new Error('The quota has been exceeded.')) as never;
    driver.play();
    await until(store, (s) => s.status === 'paused' && s.message !== null);
    await driver.flush();
    expect(store.getState().message).toMatch(/Could not save the run.*quota/);
    expect(store.getState().status).toBe('paused');
  });
});
