import type { AlgorithmName } from '../backward/types';
import { Session, type SessionInit } from './session';
import {
  callCount,
  freshModels,
  interruptedRun,
  normalized,
  referenceRun,
  stepToEnd,
} from './test-support/replay';
import { chainExamples, chainWorkflow } from './test-support/world';

function init(algorithm: AlgorithmName): SessionInit {
  return {
    // Both nodes wrong: the run needs more than one iteration and draws minibatches and error
    // batches from the seeded generator at every iteration.
    workflow: chainWorkflow({ a: 'Reverse the words.', b: 'Question mark.' }),
    train: chainExamples(6),
    val: chainExamples(3, 'val'),
    settings: { algorithm, iterations: 3, batchSize: 3, errorBatchSize: 2, earlyStop: false, seed: 7 },
  };
}

describe.each<AlgorithmName>(['sembp', 'textgrad', 'gtbp'])('resume (%s)', (algorithm) => {
  it('serialise -> JSON -> fromState at every step index gives the same events and prompts', async () => {
    const reference = await referenceRun(init(algorithm));
    expect(reference.steps).toBeGreaterThan(10);
    expect(reference.events.at(-1)).toMatchObject({ type: 'runDone', reason: 'completed' });
    for (let k = 0; k <= reference.steps; k++) {
      const resumed = await interruptedRun(init(algorithm), k);
      expect(resumed.prompts, `interrupted after step ${k}`).toEqual(reference.prompts);
      expect(resumed.events, `interrupted after step ${k}`).toEqual(reference.events);
    }
  });

  it('a unit interrupted half-way resumes without repeating its settled calls', async () => {
    const reference = await referenceRun(init(algorithm));
    const total = callCount(reference.models);

    const first = freshModels();
    const session = Session.create(first.ctx, init(algorithm));
    // Step to the first unit that makes several calls, then make the model fail mid-unit.
    const events = [];
    for (;;) {
      const next = session.state.phase.kind;
      if (next === 'forward' && session.state.iteration === 2) break;
      events.push(...(await session.step()));
    }
    first.forward.failAfter = 2;
    first.forward.abortOnFail = first.controller;
    const failed = await session.step();
    expect(failed).toEqual([expect.objectContaining({ type: 'error', unit: 'forward', aborted: true })]);
    const saved = JSON.parse(JSON.stringify(session.state));
    expect(Object.keys(saved.journal).length).toBeGreaterThan(0);

    const second = freshModels();
    const resumed = Session.fromState(saved, second.ctx);
    await stepToEnd(resumed, events);
    expect(callCount([first.forward, first.optimizer, second.forward, second.optimizer])).toBe(total);
    expect(normalized(events)).toEqual(reference.events);
  });
});
