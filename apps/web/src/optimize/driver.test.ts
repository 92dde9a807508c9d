import 'fake-indexeddb/auto';
import { promptsOf } from '@backflow/engine';
import { createSimulatedModel } from '@backflow/sim';
import { startSimServer } from '@backflow/sim/server';
import { loadRunEvents } from '../persistence/runs';
import { defaultSettings } from '../settings/provider-settings';
import { type EngineClient, inlineClient } from '../worker/client';
import type { HostMessage } from '../worker/protocol';
import type { OptimizeForm } from './form';
import {
  callKeysOf,
  crashableClient,
  finished,
  fixture,
  form,
  poll,
  setup,
  until,
} from './test-support/driver-harness';

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

  it('a reload in the middle of a unit resumes from its journal: settled calls are not sent again', async () => {
    // The same calls in-process and over HTTP: "auto" would check proposals counterfactually only
    // in-process (over HTTP the endpoint is not known to be the simulator).
    const sameChecks: OptimizeForm = { ...form, counterfactual: 'off' };
    const server = await startSimServer({ model: createSimulatedModel({ seed: 0 }), port: 0, latencyMs: 60 });
    try {
      const reference = setup();
      await reference.driver.start(sameChecks);
      reference.driver.play();
      await until(reference.store, finished);
      await reference.driver.flush();
      const refKeys = await callKeysOf(reference.db, reference.store.getState().runId as string);
      const overHttp = (s: ReturnType<typeof setup>) => {
        const { forward } = defaultSettings();
        const custom = {
          ...forward,
          preset: 'custom' as const,
          kind: 'openai-compatible' as const,
          baseUrl: server.baseURL,
          model: 'backflow-sim',
        };
        s.studio.getState().setSettings({ forward: { ...custom, concurrency: 2 }, optimizer: custom });
        return s;
      };
      const chat = () => server.log.filter((r) => r.path.endsWith('/chat/completions')).length;

      const engine = crashableClient();
      const first = overHttp(setup(undefined, engine.create));
      await first.driver.start(sameChecks);
      first.driver.step(); // baseline validation
      await until(first.store, (s) => s.status === 'paused');
      await first.driver.flush();
      const runId = first.store.getState().runId as string;
      const atForward = chat();
      first.driver.step(); // the forward pass of iteration 1: 12 calls, two at a time
      const mid = await poll(
        () => first.db.checkpoints.get(runId),
        (c) => Object.keys(c?.progress?.journal ?? {}).length > 0,
      );
      await engine.crash();
      const journaled = Object.keys((await first.db.checkpoints.get(runId))?.progress?.journal ?? {}).length;
      expect(mid?.progress?.unitIndex).toBe(1);
      expect(journaled).toBeGreaterThan(0);
      const sentBefore = chat() - atForward;

      const second = overHttp(setup(first.db));
      await second.driver.checkResumable();
      await second.driver.resume();
      const atResume = chat();
      second.driver.step();
      await until(second.store, (s) => s.status === 'paused' || finished(s));
      await second.driver.flush();
      const forwardCalls = refKeys.filter((k) => k.startsWith('it1/fwd')).length;
      expect(forwardCalls).toBeGreaterThan(journaled);
      // The journaled calls were replayed, not sent again; the rest of the unit was.
      expect(chat() - atResume).toBe(forwardCalls - journaled);
      expect(sentBefore).toBeGreaterThanOrEqual(journaled);

      second.driver.play();
      await until(second.store, finished);
      await second.driver.flush();
      expect(second.store.getState().status).toBe('done');
      expect(promptsOf(second.studio.getState().doc)).toEqual(promptsOf(reference.studio.getState().doc));
      // One record per call of the uninterrupted run: none doubled, none lost.
      expect(await callKeysOf(first.db, runId)).toEqual(refKeys);
    } finally {
      await server.close();
    }
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

  it('opens a finished run after a reload read-only: the same views, no engine, the workflow untouched', async () => {
    const first = setup();
    await first.driver.start(form);
    first.driver.play();
    const end = await until(first.store, finished);
    await first.driver.flush();
    first.driver.dispose();
    const done = end.events.find((e) => e.type === 'runDone');
    if (done?.type !== 'runDone') throw new Error('no runDone');

    // "Reload": a new studio over the same database, the workflow as the run started.
    const engines = countingClients();
    const second = setup(first.db, engines.create);
    const docBefore = second.studio.getState().doc;
    await second.driver.openStored(end.runId as string);
    const shown = second.store.getState();
    expect(shown.stored).toMatchObject({
      ending: done.reason,
      finalPrompts: done.prompts,
      liveRunOpen: false,
    });
    expect(shown.runId).toBe(end.runId);
    expect(shown.events).toEqual(end.events);
    const ids = (calls: readonly { callId: string }[]) => calls.map((c) => c.callId).sort();
    expect(ids(shown.calls)).toEqual(ids(end.calls));
    // In the order the calls started (the table's own order is by id).
    const starts = shown.calls.map((c) => c.startedAt);
    expect(starts).toEqual([...starts].sort((x, y) => x - y));
    expect(shown.status).toBe('done');
    expect(shown.message).toBe(end.message);
    expect(shown.blame).toEqual(end.blame);
    expect(shown.workflowBefore).toEqual(fixture?.workflow);
    expect(engines.count).toBe(0);
    expect(second.studio.getState().doc).toBe(docBefore);
    expect(second.studio.getState().past).toHaveLength(0);

    // Run commands do nothing while it is shown.
    second.driver.step();
    second.driver.play();
    await second.driver.start(form);
    expect(engines.count).toBe(0);
    expect(second.store.getState().events).toBe(shown.events);

    // Applying its final prompts is one undoable step.
    second.driver.applyStoredPrompts();
    expect(promptsOf(second.studio.getState().doc)).toEqual(done.prompts);
    expect(second.studio.getState().past).toHaveLength(1);
    second.studio.getState().undo();
    expect(promptsOf(second.studio.getState().doc)).toEqual(promptsOf(docBefore));

    // Back to the new-run view.
    second.driver.closeStored();
    expect(second.store.getState().stored).toBeNull();
    expect(second.store.getState().runId).toBeNull();
    expect(second.store.getState().status).toBe('idle');
  });

  it('a live run goes on while a stored run is shown; Back shows it as it is by then', async () => {
    const { db, store, driver } = setup();
    await driver.start(form);
    driver.play();
    const a = await until(store, finished);
    await driver.start({ ...form, seed: 9 });
    const b = store.getState().runId as string;
    driver.play();
    await driver.openStored(a.runId as string);
    expect(store.getState().stored?.liveRunOpen).toBe(true);
    const shownEvents = store.getState().events;
    // Run b ends in the background; the shown run does not change meanwhile.
    await poll(
      () => loadRunEvents(db, b),
      (events) => events.some((e) => e.type === 'runDone'),
    );
    await driver.flush();
    expect(store.getState().events).toBe(shownEvents);
    expect(store.getState().runId).toBe(a.runId);
    driver.closeStored();
    const back = store.getState();
    expect(back.stored).toBeNull();
    expect(back.runId).toBe(b);
    expect(back.status).toBe('done');
    expect(back.events).toEqual(await loadRunEvents(db, b));
  });

  it('"Run to end of iteration" sends one run until the iteration ends, and the run stops there', async () => {
    const sent: unknown[] = [];
    const recording = (onMessage: (message: HostMessage) => void): EngineClient => {
      const inner = inlineClient(onMessage);
      return {
        ...inner,
        send: (command) => {
          sent.push(command);
          inner.send(command);
        },
      };
    };
    const { store, driver } = setup(undefined, recording);
    await driver.start(form);
    driver.runToEndOfIteration();
    const stopped = await until(store, (s) => s.status === 'paused' || finished(s));
    expect(sent.filter((c) => (c as { type: string }).type === 'run')).toEqual([
      { type: 'run', runId: stopped.runId, until: 'iteration' },
    ]);
    // The last unit run is the one that ended the first iteration (the simulator's fixture is
    // fixed in one iteration, so the run may also end there; it never starts a second one).
    const types = stopped.events.map((e) => e.type).filter((t) => t !== 'progress');
    expect(types.filter((t) => t === 'iterationDone')).toHaveLength(1);
    expect(types.slice(types.indexOf('iterationDone') + 1).every((t) => t === 'runDone')).toBe(true);
    expect(types).toContain('gateDecided');
  });

  it('an unfinished stored run is offered for resume and goes on from the stored view', async () => {
    const first = setup();
    await first.driver.start(form);
    first.driver.runToEndOfPass();
    const paused = await until(first.store, (s) => s.status === 'paused' || finished(s));
    await first.driver.flush();
    first.driver.dispose();

    const engines = countingClients();
    const second = setup(first.db, engines.create);
    await second.driver.openStored(paused.runId as string);
    const shown = second.store.getState();
    expect(shown.stored?.ending).toBe('stopped');
    expect(shown.resumable?.run.id).toBe(paused.runId);
    expect(shown.events).toEqual(paused.events);
    expect(engines.count).toBe(0);
    await second.driver.resume();
    expect(second.store.getState().stored).toBeNull();
    expect(engines.count).toBe(1);
    second.driver.play();
    const end = await until(second.store, finished);
    expect(end.status).toBe('done');
    expect(end.runId).toBe(paused.runId);
  });
});

/** The inline engine, counting the clients made (opening a stored run must make none). */
function countingClients() {
  const made = {
    count: 0,
    create(onMessage: (message: HostMessage) => void): EngineClient {
      made.count++;
      return inlineClient(onMessage);
    },
  };
  return made;
}
