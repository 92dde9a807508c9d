import type { EngineEvent, RunStateEvent, SessionEvent } from '../protocol';
import { SessionController } from './controller';
import type { SessionInit } from './session';
import { freshModels } from './test-support/replay';
import { chainExamples, chainWorkflow, worldContext } from './test-support/world';

const init: SessionInit = {
  workflow: chainWorkflow({ a: 'Reverse the words.', b: 'Question mark.' }),
  train: chainExamples(6),
  val: chainExamples(3, 'val'),
  settings: { algorithm: 'gtbp', iterations: 3, batchSize: 3, earlyStop: false, seed: 7 },
};

/** A controller over the world models, recording everything it emits. */
function drive(settings: Partial<SessionInit['settings']> = {}, onEmit?: (e: EngineEvent) => void) {
  const out: EngineEvent[] = [];
  const { forward, optimizer } = freshModels();
  const controller = SessionController.start(
    'r',
    (signal) => worldContext(forward, optimizer, signal),
    { ...init, settings: { ...init.settings, ...settings } },
    (e) => {
      out.push(e);
      onEmit?.(e);
    },
  );
  /** The session events since `from` (an index into everything emitted). */
  const eventsSince = (from: number): SessionEvent[] =>
    out.slice(from).flatMap((e) => (e.type === 'session' ? [e.event] : []));
  const states = () => out.flatMap((e) => (e.type === 'runState' ? [e] : []));
  /** Runs `until` and returns why it stopped, the run's session events and its units' names. */
  const run = async (until: Parameters<SessionController['run']>[0]) => {
    const from = out.length;
    const reason = await controller.run(until);
    const events = eventsSince(from);
    const units = events.flatMap((e) => (e.type === 'progress' ? [e.unit] : []));
    return { reason, events, units };
  };
  return { controller, out, run, states, eventsSince };
}

describe('a controller command runs until the next unit, node, pass, iteration or the end', () => {
  it('unit: exactly one unit, then it says it stopped', async () => {
    const h = drive();
    const { reason, units } = await h.run('unit');
    expect(reason).toBe('until');
    expect(units).toEqual(['baseline']);
    expect(h.states().map((s) => s.state)).toEqual(['running', 'until']);
    expect(h.states().every((s: RunStateEvent) => s.until === 'unit')).toBe(true);
  });

  it('node: through the forward pass to the first backward node, then one node per command', async () => {
    const h = drive();
    const first = await h.run('node');
    expect(first.reason).toBe('until');
    expect(first.units.at(-1)).toMatch(/^backward:/);
    expect(first.units.filter((u) => u.startsWith('backward:'))).toHaveLength(1);
    expect(first.events.filter((e) => e.type === 'backwardNode')).toHaveLength(1);
    const second = await h.run('node');
    expect(second.units).toHaveLength(1);
    expect(second.units[0]).toMatch(/^backward:/);
    expect(second.units[0]).not.toBe(first.units.at(-1));
  });

  it('pass: to the end of the backward pass (blame computed), not beyond', async () => {
    const h = drive();
    const { reason, events } = await h.run('pass');
    expect(reason).toBe('until');
    expect(events.filter((e) => e.type === 'blameComputed')).toHaveLength(1);
    // Nothing after the unit that computed blame: no update was proposed yet.
    expect(events.some((e) => e.type === 'updateProposed')).toBe(false);
    const last = events.findLast((e) => e.type !== 'progress');
    expect(last?.type).toBe('blameComputed');
  });

  it('iteration: to the end of one iteration, then the next', async () => {
    const h = drive();
    const one = await h.run('iteration');
    expect(one.reason).toBe('until');
    const done = one.events.filter((e) => e.type === 'iterationDone');
    expect(done.map((e) => e.iteration)).toEqual([1]);
    const two = await h.run('iteration');
    expect(two.events.filter((e) => e.type === 'iterationDone').map((e) => e.iteration)).toEqual([2]);
  });

  it('end: every unit to runDone; a later command runs nothing and says the run is done', async () => {
    const h = drive();
    const { reason, events } = await h.run('end');
    expect(reason).toBe('done');
    expect(events.at(-1)?.type).toBe('runDone');
    expect(h.controller.done).toBe(true);
    const again = await h.run('unit');
    expect(again).toMatchObject({ reason: 'done', units: [] });
  });

  it('stops for decisions; the last decision goes on the same way, except after a single unit', async () => {
    const h = drive({ pauseForDecisions: true });
    const played = await h.run('end');
    expect(played.reason).toBe('decisions');
    const waiting = played.events.findLast((e) => e.type === 'awaitingDecisions');
    if (waiting?.type !== 'awaitingDecisions') throw new Error('no awaitingDecisions');
    const from = h.out.length;
    for (const id of waiting.nodeIds) await h.controller.decide(id, { action: 'accept' });
    // It went on by itself, to the next stop of an 'end' run.
    const after = h.states().at(-1);
    expect(after?.until).toBe('end');
    expect(['decisions', 'done']).toContain(after?.state);
    expect(h.eventsSince(from).some((e) => e.type === 'gateDecided')).toBe(true);

    const stepped = drive({ pauseForDecisions: true });
    let stop = await stepped.run('unit');
    for (let i = 0; i < 100 && stop.reason === 'until'; i++) stop = await stepped.run('unit');
    expect(stop.reason).toBe('decisions');
    const wait = stop.events.find((e) => e.type === 'awaitingDecisions');
    if (wait?.type !== 'awaitingDecisions') throw new Error('no awaitingDecisions');
    const before = stepped.out.length;
    for (const id of wait.nodeIds) await stepped.controller.decide(id, { action: 'accept' });
    expect(stepped.eventsSince(before).every((e) => e.type === 'updateDecided')).toBe(true);
    expect(stepped.states().at(-1)?.state).toBe('decisions');
  });

  it('pause stops after the unit in flight; the budget ends the run', async () => {
    // Pause as soon as the first unit has reported (the next one has not started).
    const h = drive({}, (e) => {
      if (e.type === 'session' && e.event.type === 'progress') h.controller.pause();
    });
    const going = h.run('end');
    const paused = await going;
    expect(paused.reason).toBe('paused');
    expect(paused.units).toHaveLength(1);

    const poor = drive({ budget: { maxCalls: 10 } });
    const ended = await poor.run('end');
    expect(ended.reason).toBe('done');
    expect(ended.events.some((e) => e.type === 'budgetExhausted')).toBe(true);
  });

  it('abort stops the run with the unit in flight reported as an aborted error', async () => {
    // Abort while the baseline's forward pass is in flight.
    let aborting: Promise<void> | undefined;
    const h = drive({}, (e) => {
      if (e.type === 'forwardProgress') aborting ??= h.controller.abort();
    });
    const going = h.run('end');
    const { reason, events } = await going;
    expect(reason).toBe('error');
    await aborting;
    expect(events.at(-1)).toMatchObject({ type: 'error', aborted: true });
    expect(events.some((e) => e.type === 'progress')).toBe(false);
  });

  it('sends the data part once; every later checkpoint holds the progress only', async () => {
    const h = drive();
    h.controller.checkpoint();
    await h.run('iteration');
    const checkpoints = h.out.flatMap((e) => (e.type === 'checkpoint' ? [e] : []));
    expect(checkpoints.length).toBeGreaterThan(2);
    expect(checkpoints[0]?.data?.train).toHaveLength(6);
    expect(checkpoints.slice(1).every((c) => c.data === undefined)).toBe(true);
    expect(
      checkpoints.every(
        (c) => !('train' in c.progress) && c.progress.dataHash === checkpoints[0]?.data?.hash,
      ),
    ).toBe(true);
  });

  it("waits for the host's afterUnit (the CLI's save) before the next unit starts", async () => {
    const log: string[] = [];
    const { forward, optimizer } = freshModels();
    const controller = SessionController.start(
      'r',
      (signal) => worldContext(forward, optimizer, signal),
      init,
      (e) => {
        if (e.type === 'checkpoint') log.push('checkpoint');
        if (e.type === 'session' && e.event.type === 'progress') log.push('unit');
      },
      {
        afterUnit: async () => {
          log.push('save');
          await new Promise((resolve) => setTimeout(resolve, 2));
          log.push('saved');
        },
      },
    );
    await controller.run('iteration');
    expect(log.length).toBeGreaterThan(8);
    expect(log.join(' ')).toMatch(/^(unit checkpoint save saved ?)+$/);
  });
});
