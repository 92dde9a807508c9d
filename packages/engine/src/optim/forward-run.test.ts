import { forwardRun } from './forward-run';
import { freshModels } from './test-support/replay';
import { chainExamples, chainWorkflow } from './test-support/world';

describe('forwardRun', () => {
  it('runs and scores a workflow, with call totals, as one forwardResult event', async () => {
    const { ctx, forward } = freshModels();
    const event = await forwardRun(
      ctx,
      'f1',
      chainWorkflow({ a: 'Convert to upper case.', b: 'Question mark.' }),
      chainExamples(3),
    );
    expect(event.type).toBe('forwardResult');
    expect(event.traces.map((t) => t.outputs.out)).toEqual([
      'ALPHA BETA 0?',
      'GAMMA 1?',
      'DELTA EPSILON ZETA 2?',
    ]);
    expect(event.scores.map((s) => s.score)).toEqual([0, 0, 0]);
    expect(event.totals.calls).toBe(6);
    expect(forward.calls.every((c) => c.callKey?.startsWith('run/f1/'))).toBe(true);
  });
});
