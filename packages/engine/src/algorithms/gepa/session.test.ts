import { Session, type SessionInit } from '../../optim/session';
import { freshModels, stepToEnd } from '../../optim/test-support/replay';
import { chainExamples, chainWorkflow } from '../../optim/test-support/world';
import type { SessionEvent } from '../../protocol';
import { candidate } from './test-support/candidates';

const SEED = { a: 'Reverse the words.', b: 'Question mark.' };

function init(settings: Partial<SessionInit['settings']> = {}): SessionInit {
  return {
    workflow: chainWorkflow(SEED),
    train: chainExamples(6),
    val: chainExamples(3, 'val'),
    settings: { algorithm: 'gepa', iterations: 4, batchSize: 2, earlyStop: false, seed: 7, ...settings },
  };
}

describe('GEPA sessions', () => {
  it('merges two lines that each fixed a different module, checks the child, and adopts it', async () => {
    const { ctx } = freshModels();
    const session = Session.create(ctx, init({ iterations: 1 }));
    await session.step(); // the seed's validation
    const g = session.state.gepa;
    if (!g) throw new Error('no GEPA state');
    // Two children of the seed, each best on a different validation example (their scores are set
    // here; everything after is run): one fixed module a, the other module b.
    g.candidates.push(
      candidate(1, { a: 'Convert to upper case.', b: SEED.b }, [1, 0, 0], [0]),
      candidate(2, { a: SEED.a, b: 'Exclaim.' }, [0, 1, 0], [0]),
    );
    g.mergesDue = 1;
    const events = await stepToEnd(session);
    const selected = events.find((e) => e.type === 'gepaSelected');
    expect(selected).toMatchObject({ kind: 'merge', parents: [1, 2], ancestor: 0 });
    const gate = events.find((e) => e.type === 'gateDecided');
    expect(gate).toMatchObject({
      policy: 'nonWorsening',
      on: 'validation',
      nodeIds: ['b'],
      accepted: true,
      after: 1,
    });
    const added = events.filter(
      (e): e is Extract<SessionEvent, { type: 'gepaCandidate' }> => e.type === 'gepaCandidate',
    );
    expect(added.at(-1)).toMatchObject({
      candidate: { id: 3, origin: 'merge', parents: [1, 2], valScore: 1 },
      best: 3,
    });
    expect(
      session.state.workflow.nodes
        .filter((n) => n.kind === 'llm')
        .map((n) => n.kind === 'llm' && n.systemPrompt),
    ).toEqual(['Convert to upper case.', 'Exclaim.']);
    expect(g.mergesTested).toBe(1);
    expect(g.triedMerges).toEqual(['1+2']);
  });

  it('stops cleanly at the call budget, before the unit that would pass it', async () => {
    const { ctx } = freshModels();
    const session = Session.create(ctx, init({ budget: { maxCalls: 20 } }));
    const events = await stepToEnd(session);
    expect(events.find((e) => e.type === 'budgetExhausted')).toBeDefined();
    expect(events.at(-1)).toMatchObject({ type: 'runDone', reason: 'budgetExhausted' });
    expect(session.state.totals.calls).toBeLessThanOrEqual(20);
  });

  it('stops after the iteration that reaches the rollout budget (examples run and scored)', async () => {
    const { ctx } = freshModels();
    const session = Session.create(ctx, init({ iterations: 50, gepa: { maxRollouts: 10 } }));
    const events = await stepToEnd(session);
    const rollouts = session.state.gepa?.rollouts ?? 0;
    expect(rollouts).toBeGreaterThanOrEqual(10);
    // The seed's 3 plus at most one iteration's minibatch, check and validation past the limit.
    expect(rollouts).toBeLessThan(10 + 2 + 2 + 3);
    expect(events.at(-1)).toMatchObject({ type: 'runDone', reason: 'completed' });
    expect(session.state.history.length).toBeLessThan(50);
  });

  it('counts every unit in the same call accounting as the other methods', async () => {
    const { ctx, forward, optimizer } = freshModels();
    const session = Session.create(ctx, init());
    await stepToEnd(session);
    expect(session.state.totals.calls).toBe(forward.calls.length + optimizer.calls.length);
    expect(optimizer.calls.every((c) => c.task === 'gepa.reflect')).toBe(true);
  });
});
