import { computeBlame } from '../../backward/blame';
import { createFakeOptimizer, fakeContext } from '../../backward/test-support/fake-optimizer';
import { deepChain, diamond, failingBatch, twoOutputs } from '../../backward/test-support/fixtures';
import { blameResponder } from '../../backward/test-support/responders';
import { runWalk } from '../../backward/test-support/walk-pass';
import { createGtbpRule, moduleSet } from './backward';

const rule = createGtbpRule();

describe('GTBP', () => {
  it('seeds each output with the reference answer as its target, without a call', async () => {
    const model = createFakeOptimizer(blameResponder(new Set()));
    const batch = failingBatch(twoOutputs, 1);
    const seed = await rule.seed(fakeContext(model), { workflow: twoOutputs, batch, callKeyPrefix: 'p' });
    expect(model.calls).toHaveLength(0);
    expect(seed.signals.map((s) => [s.kind, s.nodeId, s.text, s.asksForChange])).toEqual([
      ['target', 'out1', 'target-ex1', true],
      ['target', 'out2', 'second-ex1', true],
    ]);
  });

  it('inverts only where a discrepancy exists: b·N_in minus nodes whose target fits', async () => {
    const model = createFakeOptimizer(blameResponder(new Set(['c'])));
    const b = 2;
    const batch = failingBatch(deepChain, b);
    const pass = await runWalk(fakeContext(model), rule, {
      workflow: deepChain,
      batch,
      callKeyPrefix: 'p',
    });
    expect(pass.failures).toEqual([]);
    // N_in = {b, c, d}; b's target equals its output on every example, so b is inverted without a call.
    expect(model.calls.map((c) => `${c.payload.task}@${c.request.meta?.nodeId}`).sort()).toEqual([
      'gtbp.invert@c',
      'gtbp.invert@c',
      'gtbp.invert@d',
      'gtbp.invert@d',
    ]);
    for (const { example, trace } of batch) {
      expect(pass.targets.c![example.id]).toBe('fixed-c');
      expect(pass.targets.b![example.id]).toBe(trace.nodes.b!.output);
      // A predecessor whose output already fits gets a target equal to its output and no blame.
      const toA = pass.signals.find((s) => s.nodeId === 'a' && s.exampleId === example.id)!;
      expect(toA).toMatchObject({ text: trace.nodes.a!.output, asksForChange: false, fromNodeId: 'b' });
      expect(toA.callId).toBeUndefined();
    }
    const blame = computeBlame('gtbp', deepChain, pass.signals, pass.targets, batch);
    expect(blame).toEqual({
      a: { blame: 0, changed: 0, total: 2, own: 0 },
      b: { blame: 0, changed: 0, total: 2, own: 0 },
      // c's inversion finds b's output fits: the discrepancy is c's own; d passed its on to c.
      c: { blame: 1, changed: 2, total: 2, own: 2 },
      d: { blame: 0.5, changed: 2, total: 2, own: 0 },
    });
  });

  it('gives the inverted node all its inputs and records sibling outputs on each target', async () => {
    const model = createFakeOptimizer(blameResponder(new Set(['b'])));
    const batch = failingBatch(diamond, 1);
    const pass = await runWalk(fakeContext(model), rule, {
      workflow: diamond,
      batch,
      callKeyPrefix: 'p',
    });
    const [payload] = model.payloads('gtbp.invert');
    const trace = batch[0]!.trace;
    expect(payload!.targetOutput).toBe('target-ex1');
    expect(payload!.inputs.map((i) => [i.id, i.value])).toEqual([
      ['in', 'question 1'],
      ['a', trace.nodes.a!.output],
      ['b', trace.nodes.b!.output],
    ]);
    const toA = pass.signals.find((s) => s.nodeId === 'a')!;
    expect(toA).toMatchObject({ asksForChange: false, siblingOutputs: { b: trace.nodes.b!.output } });
    expect(pass.signals.find((s) => s.nodeId === 'b')).toMatchObject({
      text: 'fixed-b',
      asksForChange: true,
    });
  });

  it('reconciles differing targets from several successors with one call, recording the sources', async () => {
    const base = blameResponder(new Set());
    const model = createFakeOptimizer((payload, call) => {
      if (payload.task === 'gtbp.invert') return { targets: { a: `a-for-${payload.node.id}` } };
      return base(payload, call);
    });
    const b = 2;
    const pass = await runWalk(fakeContext(model), rule, {
      workflow: twoOutputs,
      batch: failingBatch(twoOutputs, b),
      callKeyPrefix: 'p',
    });
    expect(model.payloads('gtbp.invert')).toHaveLength(b * 2);
    expect(model.payloads('gtbp.reconcile')).toHaveLength(b);
    const atA = pass.nodes.find((n) => n.nodeId === 'a')!;
    expect(atA.targets).toEqual({ ex1: 'a-for-b + a-for-c', ex2: 'a-for-b + a-for-c' });
    expect(atA.targetSources?.ex1).toEqual([
      { from: 'b', target: 'a-for-b' },
      { from: 'c', target: 'a-for-c' },
    ]);
  });

  it('does not reconcile when the successors agree', async () => {
    const model = createFakeOptimizer(blameResponder(new Set(['a'])));
    await runWalk(fakeContext(model), rule, {
      workflow: twoOutputs,
      batch: failingBatch(twoOutputs, 1),
      callKeyPrefix: 'p',
    });
    expect(model.payloads('gtbp.reconcile')).toHaveLength(0);
  });

  it('inverts a passing example only with invert: "all"', async () => {
    const batch = failingBatch(deepChain, 1).map((item) => ({
      ...item,
      // The loss accepted "d[...]" as right (say, by a lenient judge); the reference reads differently.
      score: { ...item.score, score: 1, perOutput: { out: { ...item.score.perOutput.out!, score: 1 } } },
    }));
    const failingOnly = createFakeOptimizer(blameResponder(new Set()));
    await runWalk(fakeContext(failingOnly), rule, { workflow: deepChain, batch, callKeyPrefix: 'p' });
    expect(failingOnly.calls).toHaveLength(0);
    const all = createFakeOptimizer(blameResponder(new Set()));
    await runWalk(fakeContext(all), createGtbpRule({ invert: 'all' }), {
      workflow: deepChain,
      batch,
      callKeyPrefix: 'p',
    });
    expect(all.payloads('gtbp.invert').map((p) => p.node.id)).toEqual(['d']);
  });

  it('builds the module set S_v from inputs, outputs and targets', async () => {
    const model = createFakeOptimizer(blameResponder(new Set(['c'])));
    const batch = failingBatch(deepChain, 2);
    const pass = await runWalk(fakeContext(model), rule, {
      workflow: deepChain,
      batch,
      callKeyPrefix: 'p',
    });
    expect(moduleSet('c', batch, pass.targets.c!)).toEqual(
      batch.map(({ example, trace }) => ({
        exampleId: example.id,
        input: trace.nodes.c!.messages![1]!.content,
        output: trace.nodes.c!.output,
        target: 'fixed-c',
      })),
    );
  });

  it('repairs an inversion that leaves out a predecessor, then records the failure', async () => {
    const model = createFakeOptimizer(() => ({ targets: { a: 'only a' } }));
    const pass = await runWalk(fakeContext(model), rule, {
      workflow: diamond,
      batch: failingBatch(diamond, 1),
      callKeyPrefix: 'p',
    });
    expect(model.calls.map((c) => c.attempt)).toEqual([0, 1]);
    expect(model.calls[1]!.request.meta?.callKey).toBe('p/gtbp.invert/c/ex1#repair');
    expect(pass.failures).toEqual([
      expect.objectContaining({ nodeId: 'c', exampleId: 'ex1', task: 'gtbp.invert' }),
    ]);
    expect(pass.signals.filter((s) => s.fromNodeId === 'c')).toEqual([]);
  });
});

describe('GTBP with a failing optimizer endpoint', () => {
  it('records a call that failed after retries as a failure and goes on with the batch', async () => {
    const model = createFakeOptimizer(blameResponder(new Set(['b'])));
    const complete = model.complete.bind(model);
    model.complete = (request) =>
      request.meta?.exampleId === 'ex1' ? Promise.reject(new Error('HTTP 503')) : complete(request);
    const pass = await runWalk(fakeContext(model), createGtbpRule(), {
      workflow: diamond,
      batch: failingBatch(diamond, 2),
      callKeyPrefix: 'p',
    });
    expect(pass.failures).toEqual([
      expect.objectContaining({ nodeId: 'c', exampleId: 'ex1', reason: expect.stringContaining('HTTP 503') }),
    ]);
    expect(pass.signals.filter((s) => s.fromNodeId === 'c').map((s) => s.exampleId)).toEqual(['ex2', 'ex2']);
  });

  it('stops on cancellation instead of recording it', async () => {
    const controller = new AbortController();
    const model = createFakeOptimizer(blameResponder(new Set()));
    model.complete = () => {
      controller.abort();
      return Promise.reject(new Error('aborted'));
    };
    const ctx = { ...fakeContext(model), signal: controller.signal };
    await expect(
      runWalk(ctx, createGtbpRule(), {
        workflow: diamond,
        batch: failingBatch(diamond, 1),
        callKeyPrefix: 'p',
      }),
    ).rejects.toThrow('aborted');
  });
});
