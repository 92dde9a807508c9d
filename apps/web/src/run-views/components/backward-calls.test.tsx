import { renderToStaticMarkup } from 'react-dom/server';
import { nodeBackwardView } from '../derive/backward-view';
import { indexCalls } from '../derive/calls';
import { fixtureFiles } from '../test-support/fixture-files';
import { recordRun } from '../test-support/run-fixture';
import { BackwardTabForRun } from './BackwardTab';

// Regression (issues 5/7): semantic backprop and GTBP make their backward calls AT the successor
// ("merge") about its predecessors, so the culprit "sorted" (right after the input) has no call of
// its own; its Backward tab used to say "0 call(s)" on every example although the calls existed.
const CULPRIT = 'sorted';
const CALL_KIND = { sembp: 'sembp.gradient', gtbp: 'gtbp.invert' } as const;

describe.each(['sembp', 'gtbp'] as const)('Backward tab calls of the culprit (%s)', (algorithm) => {
  it('lists, on every back-propagated example, the successor call(s) about it with their tokens', async () => {
    const run = await recordRun(fixtureFiles('diamond-words'), {
      algorithm,
      iterations: 2,
      batchSize: 4,
      errorBatchSize: 2,
      seed: 1,
    });
    const calls = indexCalls(run.calls);
    const view = nodeBackwardView(run.events, run.calls, CULPRIT, 1);
    expect(view.reached).toBe(true);
    expect(view.examples.length).toBe(2);
    for (const ex of view.examples) {
      expect(ex.callIds.length).toBeGreaterThan(0);
      for (const id of ex.callIds) {
        const record = calls.get(id);
        // The call was made at the successor, about this very example.
        expect(record?.nodeId).toBe('merge');
        expect(record?.exampleId).toBe(ex.exampleId);
        // The task's template: the paper's, or its weighed form (the default backward mode).
        expect(record?.callKey).toMatch(
          new RegExp(`/${CALL_KIND[algorithm].replace('.', '\\.')}(\\.weighed)?/`),
        );
        expect((record?.usage.inputTokens ?? 0) + (record?.usage.outputTokens ?? 0)).toBeGreaterThan(0);
      }
      expect(ex.receivedCallIds).toEqual(ex.received.flatMap((s) => (s.callId ? [s.callId] : [])));
      expect(ex.sums.calls).toBe(ex.callIds.length);
      expect(ex.sums.inputTokens + ex.sums.outputTokens).toBeGreaterThan(0);
    }
    // The node total is the sum over its examples, and the rendered tab shows the counts.
    expect(view.sums.calls).toBe(view.examples.reduce((n, e) => n + e.sums.calls, 0));
    const html = renderToStaticMarkup(
      <BackwardTabForRun events={run.events} calls={run.calls} nodeId={CULPRIT} iteration={1} />,
    );
    const counts = [...html.matchAll(/(\d+) call\(s\) · (\d+) in \/ (\d+) out/g)];
    expect(html.match(/data-testid="backward-example"/g)?.length).toBe(2);
    expect(counts.length).toBe(3); // the header, then one per example
    for (const [, n, input, output] of counts) {
      expect(Number(n)).toBeGreaterThan(0);
      expect(Number(input) + Number(output)).toBeGreaterThan(0);
    }
  });
});
