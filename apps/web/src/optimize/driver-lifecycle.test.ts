import 'fake-indexeddb/auto';
import type { Workflow } from '@backflow/engine';
import type { OptimizeState } from './optimize-state';
import { finished, fixture, form, setup, until } from './test-support/driver-harness';

const openOrDone = (s: OptimizeState) => s.status === 'ready' || s.status === 'paused' || finished(s);

function otherWorkflow(): Workflow {
  if (!fixture) throw new Error('no simulator fixture');
  return { ...fixture.workflow, id: 'wf_other', name: 'Another workflow' };
}

describe('optimize run lifecycle: abort, decisions, resume, switching workflows', () => {
  it('Abort while paused ends the run as aborted, disables the controls and offers it for resume', async () => {
    const { store, driver } = setup();
    await driver.start(form);
    await until(store, openOrDone);
    driver.step();
    await until(store, (s) => s.status === 'paused' && s.unitIndex >= 1);
    const runId = store.getState().runId;
    driver.abort();
    expect(store.getState().status).toBe('aborted');
    expect(store.getState().message).toMatch(/^Aborted in iteration 1 after \d+ calls/);
    // Nothing reaches a model any more: the controls do nothing on an aborted run.
    const events = store.getState().events.length;
    driver.play();
    driver.step();
    expect(store.getState().status).toBe('aborted');
    const offered = await until(store, (s) => s.resumable !== null);
    expect(offered.resumable?.run.id).toBe(runId);
    expect(store.getState().events.length).toBe(events);
  });

  it('Abort while playing ends as aborted, not as an error, and a resumed run shows its own settings', async () => {
    const { store, driver } = setup();
    const own = {
      ...form,
      iterations: 3,
      batchSize: 3,
      seed: 11,
      valFraction: 0.3,
      backwardMode: 'faithful' as const,
      counterfactual: 'on' as const,
    };
    await driver.start(own);
    await until(store, openOrDone);
    driver.play();
    expect(store.getState().status).toBe('running');
    // Right behind Play: the engine is in its first unit (the simulator answers faster than the
    // studio stores, so a later Abort could find the run already over).
    driver.abort();
    expect(store.getState().status).toBe('aborted');
    await driver.flush();
    const offered = await until(store, (s) => s.resumable !== null);
    expect(offered.status).toBe('aborted');
    expect(offered.events.some((e) => e.type === 'error' && !e.aborted)).toBe(false);
    await driver.resume();
    const resumed = store.getState();
    expect(resumed.status === 'paused' || resumed.status === 'awaiting').toBe(true);
    expect(resumed.form).toMatchObject({
      iterations: 3,
      batchSize: 3,
      seed: 11,
      valFraction: 0.3,
      backwardMode: 'faithful',
      counterfactual: 'on',
    });
    driver.play();
    expect((await until(store, finished)).status).toBe('done');
  });

  it('after the last Accept or Reject, a played run plays on instead of staying paused', async () => {
    const { store, driver } = setup();
    await driver.start({ ...form, pauseForDecisions: true });
    await until(store, openOrDone);
    driver.play();
    const waiting = await until(store, (s) => s.status === 'awaiting' || finished(s));
    if (waiting.status !== 'awaiting')
      throw new Error(`the run never waited for a decision (${waiting.status})`);
    const [first, ...rest] = waiting.awaiting;
    if (!first) throw new Error('awaiting no node');
    driver.decide(first, { action: 'reject' });
    for (const id of rest) driver.decide(id, { action: 'accept' });
    // Rejecting one of several leaves the run waiting; the last decision sends it on.
    expect(store.getState().status).toBe('running');
    const next = await until(store, (s) => s.status !== 'running');
    expect(['awaiting', 'done', 'budget']).toContain(next.status);
  });

  it('Step mode: after the last decision the run stays paused (one unit per Step)', async () => {
    const { store, driver } = setup();
    await driver.start({ ...form, pauseForDecisions: true });
    await until(store, openOrDone);
    for (let i = 0; i < 200 && store.getState().status !== 'awaiting' && !finished(store.getState()); i++) {
      driver.step();
      await until(store, (s) => s.status !== 'running');
    }
    const waiting = store.getState();
    if (waiting.status !== 'awaiting')
      throw new Error(`stepping never waited for a decision (${waiting.status})`);
    for (const id of waiting.awaiting) driver.decide(id, { action: 'accept' });
    expect(store.getState().status).toBe('paused');
  });

  it('opening another workflow shows its own (empty) run state; a finished run comes back with its workflow', async () => {
    const { studio, store, driver } = setup();
    const home = studio.getState().doc;
    driver.switchWorkflow(home.id);
    await driver.start(form);
    await until(store, openOrDone);
    driver.play();
    const done = await until(store, finished);
    expect(Object.keys(done.blame).length).toBeGreaterThan(0);

    studio.getState().loadDoc(otherWorkflow());
    driver.switchWorkflow('wf_other');
    const away = store.getState();
    expect(away.runId).toBeNull();
    expect(away.blame).toEqual({});
    expect(away.events).toEqual([]);

    studio.getState().loadDoc(home);
    driver.switchWorkflow(home.id);
    expect(store.getState().runId).toBe(done.runId);
    expect(store.getState().status).toBe('done');
  });

  it('an open run is stopped when another workflow opens: nothing is written there, and its own workflow offers to resume it', async () => {
    const { studio, store, driver } = setup();
    const home = studio.getState().doc;
    driver.switchWorkflow(home.id);
    await driver.start(form);
    await until(store, openOrDone);
    driver.step();
    await until(store, (s) => s.status === 'paused');
    const runId = store.getState().runId;

    const other = otherWorkflow();
    studio.getState().loadDoc(other);
    driver.switchWorkflow(other.id);
    expect(store.getState().runId).toBeNull();
    driver.play();
    await driver.checkResumable();
    expect(store.getState().resumable).toBeNull();
    expect(studio.getState().doc).toBe(other);

    studio.getState().loadDoc(home);
    driver.switchWorkflow(home.id);
    await driver.checkResumable();
    expect(store.getState().resumable?.run.id).toBe(runId);
    await driver.resume();
    driver.play();
    expect((await until(store, finished)).status).toBe('done');
  });
});
