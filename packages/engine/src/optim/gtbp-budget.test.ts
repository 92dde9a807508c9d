import type { UpdateProposedEvent } from '../protocol';
import { Session } from './session';
import type { SessionSettingsInput } from './settings';
import { freshModels, stepToEnd } from './test-support/replay';
import { CHAIN_CORRECT, chainExamples, chainWorkflow } from './test-support/world';

/** A GTBP session on the chain whose optimizer asks to rewrite every claim and add two, every time. */
function greedySession(settings: Partial<SessionSettingsInput>): Session {
  const { ctx } = freshModels({ correct: CHAIN_CORRECT, greedyEdits: true });
  return Session.create(ctx, {
    workflow: chainWorkflow({
      a: 'Reverse the words. Question mark. Exclaim. Reverse the words.',
      b: 'Exclaim.',
    }),
    train: chainExamples(6),
    settings: { algorithm: 'gtbp', batchSize: 3, invertOnlyFailing: false, earlyStop: false, ...settings },
  });
}

describe('GTBP edit budget in a session', () => {
  it('never edits more claims than n_t, adds at most one claim every m+ iterations, and decays on schedule', async () => {
    const session = greedySession({ iterations: 6, gtbp: { m0: 3, mPlus: 2, mMinus: 2 } });
    const events = await stepToEnd(session);
    const proposals = events.filter(
      (e): e is UpdateProposedEvent => e.type === 'updateProposed' && e.nodeId === 'a',
    );
    expect(proposals.map((p) => p.iteration)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(proposals.map((p) => p.claimEdits?.budget.maxEdits)).toEqual([3, 3, 2, 2, 1, 1]);
    const added: number[] = [];
    for (const p of proposals) {
      const edits = p.claimEdits!;
      const changed = edits.applied.filter((e) => e.action !== 'add').length;
      expect(changed).toBe(Math.min(edits.budget.maxEdits, edits.claimsBefore.length));
      expect(edits.applied.filter((e) => e.action === 'add').length).toBeLessThanOrEqual(1);
      expect(edits.dropped.length).toBeGreaterThan(0);
      if (edits.added) added.push(p.iteration);
    }
    // No gate: every addition is accepted, so additions come every m+ = 2 iterations.
    expect(added).toEqual([1, 3, 5]);
  });

  it('ablation gtbpNoBudget: every claim may change and one may be added at every step', async () => {
    const session = greedySession({
      iterations: 4,
      gtbp: { m0: 1, mPlus: 3, mMinus: 1 },
      ablations: { gtbpNoBudget: true },
    });
    const proposals = (await stepToEnd(session)).filter(
      (e): e is UpdateProposedEvent => e.type === 'updateProposed' && e.nodeId === 'a',
    );
    expect(proposals).toHaveLength(4);
    for (const p of proposals) {
      const edits = p.claimEdits!;
      expect(edits.budget).toEqual({ maxEdits: edits.claimsBefore.length, mayAdd: true });
      expect(edits.applied.filter((e) => e.action !== 'add').length).toBe(edits.claimsBefore.length);
      expect(edits.added).toBeTruthy();
    }
  });
});
