import { createFakeOptimizer, fakeContext } from '../../backward/test-support/fake-optimizer';
import { diamond, failingBatch, fanIn } from '../../backward/test-support/fixtures';
import { blameResponder } from '../../backward/test-support/responders';
import { runWalk } from '../../backward/test-support/walk-pass';
import { createSemanticRule } from './backward';
import type { SembpGradientTask } from './tasks';

const ablated = createSemanticRule({ noSiblings: true });

describe('semantic backprop ablation: no sibling information', () => {
  it('makes one call per (node, step input) per example instead of one joint call', async () => {
    const workflow = fanIn(3);
    const model = createFakeOptimizer(blameResponder(new Set(['p2'])));
    const b = 2;
    const pass = await runWalk(fakeContext(model), ablated, {
      workflow,
      batch: failingBatch(workflow, b),
      callKeyPrefix: 'p',
    });
    expect(pass.failures).toEqual([]);
    // The joint rule makes b calls at `s` (N_in = 1); blind to siblings, b per input: 3b.
    expect(model.payloads('sembp.gradient')).toHaveLength(3 * b);
    expect(new Set(model.calls.map((c) => c.request.meta?.callKey)).size).toBe(model.calls.length);
  });

  it("never shows a sibling's output, and records none on the signals", async () => {
    const model = createFakeOptimizer(blameResponder(new Set(['b'])));
    const batch = failingBatch(diamond, 2);
    const pass = await runWalk(fakeContext(model), ablated, {
      workflow: diamond,
      batch,
      callKeyPrefix: 'p',
    });
    const payloads = model.payloads('sembp.gradient') as SembpGradientTask[];
    expect(payloads).toHaveLength(4);
    for (const p of payloads) {
      const steps = p.inputs.filter((i) => i.kind !== 'input');
      expect(steps).toHaveLength(1);
      const sibling = steps[0]!.id === 'a' ? 'b' : 'a';
      const trace = batch.find((x) => x.example.id === p.example.id)!.trace;
      const { output: _output, ...rest } = p;
      expect(JSON.stringify(rest)).not.toContain(trace.nodes[sibling]!.output!);
    }
    const toSteps = pass.signals.filter((s) => s.fromNodeId === 'c');
    expect(toSteps.length).toBe(4);
    expect(toSteps.every((s) => Object.keys(s.siblingOutputs).length === 0)).toBe(true);
  });
});
