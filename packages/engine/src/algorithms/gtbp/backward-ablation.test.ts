import { createFakeOptimizer, fakeContext } from '../../backward/test-support/fake-optimizer';
import { failingBatch, twoOutputs } from '../../backward/test-support/fixtures';
import { blameResponder } from '../../backward/test-support/responders';
import { runWalk } from '../../backward/test-support/walk-pass';
import { createGtbpRule } from './backward';

describe('GTBP ablation: no reconciliation', () => {
  it('keeps every successor target, with its source, and makes no reconcile call', async () => {
    const base = blameResponder(new Set());
    const model = createFakeOptimizer((payload, call) => {
      if (payload.task === 'gtbp.invert') return { targets: { a: `a-for-${payload.node.id}` } };
      return base(payload, call);
    });
    const b = 2;
    const pass = await runWalk(fakeContext(model), createGtbpRule({ reconcile: false }), {
      workflow: twoOutputs,
      batch: failingBatch(twoOutputs, b),
      callKeyPrefix: 'p',
    });
    expect(model.payloads('gtbp.reconcile')).toHaveLength(0);
    const atA = pass.nodes.find((n) => n.nodeId === 'a')!;
    expect(atA.targets?.ex1).toBe('Target from b:\na-for-b\n\nTarget from c:\na-for-c');
    // `a` has no step predecessor, so no inversion at `a`: b·2 inversions (at b and at c) only.
    expect(model.payloads('gtbp.invert')).toHaveLength(b * 2);
  });

  it('changes nothing where the successors agree', async () => {
    const model = createFakeOptimizer(blameResponder(new Set(['a'])));
    const ablated = await runWalk(fakeContext(model), createGtbpRule({ reconcile: false }), {
      workflow: twoOutputs,
      batch: failingBatch(twoOutputs, 1),
      callKeyPrefix: 'p',
    });
    const reference = await runWalk(
      fakeContext(createFakeOptimizer(blameResponder(new Set(['a'])))),
      createGtbpRule(),
      { workflow: twoOutputs, batch: failingBatch(twoOutputs, 1), callKeyPrefix: 'p' },
    );
    expect(ablated.nodes.map((n) => n.targets)).toEqual(reference.nodes.map((n) => n.targets));
  });
});
