import type { GateDecidedEvent } from '../protocol';
import { promptsOf } from './gate';
import { Session } from './session';
import { freshModels } from './test-support/replay';
import { chainExamples, chainWorkflow } from './test-support/world';

function session(pauseForDecisions: boolean) {
  const { ctx } = freshModels();
  return Session.create(ctx, {
    workflow: chainWorkflow({ a: 'Reverse the words.', b: 'Question mark.' }),
    train: chainExamples(6),
    settings: { algorithm: 'gtbp', iterations: 1, batchSize: 4, pauseForDecisions, gate: { policy: 'none' } },
  });
}

describe('decide()', () => {
  it('with pauseForDecisions the session waits; an edit replaces the proposal and a reject keeps the prompt', async () => {
    const s = session(true);
    const events = await s.run();
    expect(events.at(-1)).toMatchObject({ type: 'awaitingDecisions', nodeIds: ['a', 'b'] });
    expect(await s.step()).toEqual([
      expect.objectContaining({ type: 'awaitingDecisions', nodeIds: ['a', 'b'] }),
    ]);

    expect(s.decide('a', { action: 'reject' })).toMatchObject({ type: 'updateDecided', nodeId: 'a' });
    expect(s.awaitingDecisions).toEqual(['b']);
    s.decide('b', { action: 'edit', prompt: 'Exclaim.\nQuestion mark.' });
    // The decisions live in the state, so they survive a checkpoint.
    const resumed = Session.fromState(JSON.parse(JSON.stringify(s.state)), freshModels().ctx);
    expect(resumed.state.scratch?.decisions).toEqual({
      a: { action: 'reject' },
      b: { action: 'edit', prompt: 'Exclaim.\nQuestion mark.' },
    });
    const rest = await resumed.run();
    const gate = rest.find((e): e is GateDecidedEvent => e.type === 'gateDecided');
    expect(gate).toMatchObject({ nodeIds: ['b'], accepted: true });
    expect(promptsOf(resumed.state.workflow)).toEqual({
      a: 'Reverse the words.',
      b: 'Exclaim.\nQuestion mark.',
    });
  });

  it('without the pause a decision taken before the gate still counts; outside that window it is refused', async () => {
    const s = session(false);
    expect(() => s.decide('a', { action: 'reject' })).toThrow(/not there/);
    while (s.state.phase.kind !== 'gate') await s.step();
    expect(() => s.decide('zzz', { action: 'reject' })).toThrow(/no proposal/);
    expect(() => s.decide('a', { action: 'edit' })).toThrow(/edited prompt/);
    s.decide('a', { action: 'reject' });
    await s.run();
    expect(promptsOf(s.state.workflow)).toEqual({ a: 'Reverse the words.', b: 'Exclaim.' });
  });
});
