import type { UpdateProposedEvent } from '../protocol';
import { Session } from './session';
import { freshModels, stepToEnd } from './test-support/replay';
import { CHAIN_CORRECT, chainExamples, chainWorkflow } from './test-support/world';

describe('GTBP edit budget in a session', () => {
  it('never edits more claims than n_t, adds at most one claim every m+ iterations, and decays on schedule', async () => {
    // The optimizer asks to rewrite every claim and add two, every time.
    const { ctx } = freshModels({ correct: CHAIN_CORRECT, greedyEdits: true });
    const session = Session.create(ctx, {
      workflow: chainWorkflow({
        a: 'Reverse the words. Question mark. Exclaim. Reverse the words.',
        b: 'Exclaim.',
      }),
      train: chainExamples(6),
      settings: {
        algorithm: 'gtbp',
        iterations: 6,
        batchSize: 3,
        invertOnlyFailing: false,
        earlyStop: false,
        gtbp: { m0: 3, mPlus: 2, mMinus: 2 },
      },
    });
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
});
