import type { GateDecidedEvent } from '../protocol';
import { gateAccepts, promptsOf } from './gate';
import { Session } from './session';
import { freshModels, stepToEnd } from './test-support/replay';
import { CHAIN_CORRECT, chainExamples, chainWorkflow } from './test-support/world';

describe('gateAccepts', () => {
  it('strict needs a higher score; nonWorsening accepts ties; none accepts anything', () => {
    expect(gateAccepts('strict', 0.5, 0.5)).toBe(false);
    expect(gateAccepts('strict', 0.5, 0.75)).toBe(true);
    expect(gateAccepts('nonWorsening', 0.5, 0.5)).toBe(true);
    expect(gateAccepts('nonWorsening', 0.5, 0.25)).toBe(false);
    expect(gateAccepts('none', 1, 0)).toBe(true);
  });
});

describe('the gate in a session', () => {
  // a wrong, b right (score 0.5); the optimizer "worsens" every prompt it is asked to rewrite.
  const workflow = chainWorkflow({ a: 'Reverse the words.', b: 'Exclaim.' });

  async function worsened(algorithm: 'sembp' | 'textgrad', gate?: object) {
    const { ctx } = freshModels({ correct: CHAIN_CORRECT, mode: 'worsen' });
    const session = Session.create(ctx, {
      workflow,
      train: chainExamples(6),
      val: chainExamples(3, 'val'),
      settings: { algorithm, iterations: 2, batchSize: 4, ...(gate ? { gate } : {}) },
    });
    const events = await stepToEnd(session);
    const gates = events.filter((e): e is GateDecidedEvent => e.type === 'gateDecided');
    return { session, gates };
  }

  it('semantic backprop (strict, same minibatch) rejects a worse candidate set and keeps the prompts', async () => {
    const { session, gates } = await worsened('sembp');
    expect(gates.length).toBe(2);
    for (const g of gates) {
      expect(g).toMatchObject({ policy: 'strict', scope: 'full', on: 'minibatch', accepted: false });
      expect(g.after).toBeLessThan(g.before ?? 0);
    }
    expect(promptsOf(session.state.workflow)).toEqual(promptsOf(workflow));
  });

  it('TextGrad (non-worsening, validation) reverts a step that lowers validation', async () => {
    const { session, gates } = await worsened('textgrad');
    for (const g of gates)
      expect(g).toMatchObject({ policy: 'nonWorsening', on: 'validation', accepted: false });
    expect(promptsOf(session.state.workflow)).toEqual(promptsOf(workflow));
    expect(session.state.history.every((h) => h.valScore === 0.5)).toBe(true);
  });

  it('without a gate the worse prompts go through', async () => {
    const { session, gates } = await worsened('sembp', { policy: 'none' });
    expect(gates.every((g) => g.accepted)).toBe(true);
    expect(promptsOf(session.state.workflow)).not.toEqual(promptsOf(workflow));
  });

  it('per-node scope weighs each candidate on top of the ones accepted before it', async () => {
    const { ctx } = freshModels();
    const session = Session.create(ctx, {
      workflow: chainWorkflow({ a: 'Reverse the words.', b: 'Question mark.' }),
      train: chainExamples(6),
      settings: {
        algorithm: 'gtbp',
        iterations: 1,
        batchSize: 4,
        gate: { policy: 'strict', scope: 'perNode' },
      },
    });
    const events = await stepToEnd(session);
    const gates = events.filter((e): e is GateDecidedEvent => e.type === 'gateDecided');
    expect(gates.map((g) => [g.nodeIds, g.before, g.after, g.accepted])).toEqual([
      [['a'], 0, 0, false],
      [['b'], 0, 0.5, true],
    ]);
    expect(promptsOf(session.state.workflow)).toEqual({ a: 'Reverse the words.', b: 'Exclaim.' });
  });
});
