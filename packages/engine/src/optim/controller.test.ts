import type { EngineEvent, SessionEvent } from '../protocol';
import { SessionController } from './controller';
import { promptsOf } from './gate';
import type { SessionInit } from './session';
import { joinSessionState, type SessionData, type SessionProgress } from './state-parts';
import { freshModels, referenceRun } from './test-support/replay';
import {
  chainExamples,
  chainWorkflow,
  createForwardModel,
  createOptimizerModel,
  worldContext,
} from './test-support/world';

const init: SessionInit = {
  workflow: chainWorkflow({ a: 'Reverse the words.', b: 'Question mark.' }),
  train: chainExamples(6),
  val: chainExamples(3, 'val'),
  // Without the counterfactual check: its forward re-runs are not shown live, and this test
  // counts the live events against the forward calls.
  settings: {
    algorithm: 'sembp',
    iterations: 3,
    batchSize: 3,
    earlyStop: false,
    seed: 7,
    counterfactual: 'off',
  },
};

function host() {
  const out: EngineEvent[] = [];
  const sessionEvents = () => out.flatMap((e) => (e.type === 'session' ? [e.event] : []));
  const lastCheckpoint = () =>
    out.findLast((e) => e.type === 'checkpoint') as { progress: SessionProgress } | undefined;
  const data = () => (out.find((e) => e.type === 'checkpoint') as { data: SessionData } | undefined)?.data;
  return { emit: (e: EngineEvent) => out.push(e), out, sessionEvents, lastCheckpoint, data };
}

describe('SessionController', () => {
  it('plays to the end, emitting every event and a checkpoint after every unit', async () => {
    const reference = await referenceRun(init);
    const models = freshModels();
    const h = host();
    const controller = SessionController.start(
      'r1',
      (signal) => worldContext(models.forward, models.optimizer, signal),
      init,
      h.emit,
    );
    await controller.run('end');
    expect(controller.done).toBe(true);
    expect(promptsOf(controller.state.workflow)).toEqual(reference.prompts);
    const units = h.sessionEvents().filter((e) => e.type === 'progress').length;
    expect(h.out.filter((e) => e.type === 'checkpoint')).toHaveLength(units);
    expect(h.out.every((e) => e.runId === 'r1')).toBe(true);
    // Live progress of every forward call, tagged with its unit.
    const live = h.out.flatMap((e) => (e.type === 'forwardProgress' ? [e] : []));
    const finished = live.filter((e) => e.event.type === 'nodeFinished' && e.event.trace.nodeId === 'a');
    expect(finished.length).toBe(models.forward.calls.length / 2);
    expect(live[0]).toMatchObject({ unit: 'baseline', unitIndex: 0, iteration: 0 });
  });

  it('pause stops after the unit in flight; abort cancels a unit and a later play re-runs it without repeating settled calls', async () => {
    const reference = await referenceRun(init);
    const forward = createForwardModel();
    const optimizer = createOptimizerModel({ correct: { a: ['Convert to upper case.'], b: ['Exclaim.'] } });
    const h = host();
    const controller = SessionController.start(
      'r2',
      (signal) => worldContext(forward, optimizer, signal),
      init,
      h.emit,
    );
    await controller.run('unit'); // baseline validation
    // Abort the forward pass of iteration 1 once some of its calls have settled.
    const before = forward.calls.length;
    let aborted: Promise<void> | undefined;
    const original = forward.complete.bind(forward);
    forward.complete = async (request) => {
      const answer = await original(request);
      if (forward.calls.length >= before + 2 && !aborted) aborted = controller.abort();
      return answer;
    };
    await controller.run('unit');
    await aborted;
    expect(h.sessionEvents().at(-1)).toMatchObject({ type: 'error', aborted: true });
    expect(Object.keys(h.lastCheckpoint()?.progress.journal ?? {}).length).toBeGreaterThan(0);

    const playing = controller.run('end');
    controller.pause();
    expect(await playing).toBe('paused');
    expect(controller.done).toBe(false);
    expect(await controller.run('end')).toBe('done');
    expect(controller.done).toBe(true);
    expect(promptsOf(controller.state.workflow)).toEqual(reference.prompts);
    const [refForward, refOptimizer] = reference.models;
    expect(forward.calls.length + optimizer.calls.length).toBe(
      (refForward?.calls.length ?? 0) + (refOptimizer?.calls.length ?? 0),
    );
  });

  it('resumes from a checkpoint and records decisions with a checkpoint', async () => {
    const h = host();
    const models = freshModels();
    const settings = { ...init.settings, algorithm: 'gtbp' as const, pauseForDecisions: true };
    const first = SessionController.start('r3', () => models.ctx, { ...init, settings }, h.emit);
    expect(await first.run('end')).toBe('decisions');
    const waiting = h.sessionEvents().at(-1) as Extract<SessionEvent, { type: 'awaitingDecisions' }>;
    expect(waiting.type).toBe('awaitingDecisions');
    const last = h.lastCheckpoint()?.progress;
    const data = h.data();
    if (!last || !data) throw new Error('no checkpoint');
    const saved = JSON.parse(JSON.stringify(joinSessionState(data, last)));
    const second = SessionController.resume('r3', () => freshModels().ctx, saved, h.emit);
    for (const nodeId of waiting.nodeIds) await second.decide(nodeId, { action: 'accept' });
    expect(h.lastCheckpoint()?.progress.scratch?.decisions).toEqual(
      Object.fromEntries(waiting.nodeIds.map((id) => [id, { action: 'accept' }])),
    );
    await second.run('end');
    expect(h.sessionEvents().some((e) => e.type === 'gateDecided')).toBe(true);
  });
});
