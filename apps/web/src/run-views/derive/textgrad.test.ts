import { fixtureFiles } from '../test-support/fixture-files';
import { recordRun } from '../test-support/run-fixture';
import { nodeBackwardView } from './backward-view';
import { indexCalls } from './calls';

describe('nodeBackwardView with TextGrad', () => {
  it('shows criticism per edge without sibling outputs, and the gradients on the prompt', async () => {
    const run = await recordRun(fixtureFiles('diamond-words'), {
      algorithm: 'textgrad',
      iterations: 1,
      batchSize: 3,
      seed: 1,
    });
    const calls = indexCalls(run.calls);
    const sorted = nodeBackwardView(run.events, run.calls, 'sorted', 1);
    expect(sorted.reached).toBe(true);
    const received = sorted.examples.flatMap((e) => e.received);
    expect(received.length).toBeGreaterThan(0);
    for (const s of received) {
      expect(s.kind).toBe('criticism');
      // TextGrad generates each edge's feedback without the other inputs: nothing conditioned on.
      expect(s.siblingOutputs).toEqual({});
      expect(calls.get(s.callId ?? '')?.nodeId).toBeDefined();
    }
    const onPrompt = sorted.examples.flatMap((e) => e.promptSignals);
    expect(onPrompt.length).toBeGreaterThan(0);
    expect(onPrompt.every((s) => s.about === 'prompt' && s.nodeId === 'sorted')).toBe(true);
  });
});
