import { createFakeOptimizer, fakeContext } from '../../backward/test-support/fake-optimizer';
import {
  codeChain,
  deepChain,
  diamond,
  failingBatch,
  fanIn,
  forkAfterRoot,
  twoOutputs,
} from '../../backward/test-support/fixtures';
import { blameResponder } from '../../backward/test-support/responders';
import { runWalk } from '../../backward/test-support/walk-pass';
import { asOutputComment, createSemanticRule } from './backward';
import type { SembpGradientTask } from './tasks';

const rule = createSemanticRule();

describe('semantic backpropagation', () => {
  it('seeds each output with the expected answer, without a call', async () => {
    const model = createFakeOptimizer(blameResponder(new Set()));
    const batch = failingBatch(twoOutputs, 2);
    const seed = await rule.seed(fakeContext(model), { workflow: twoOutputs, batch, callKeyPrefix: 'it1' });
    expect(model.calls).toHaveLength(0);
    expect(seed.signals.map((s) => [s.nodeId, s.exampleId, s.text, s.suggestedValue])).toEqual([
      ['out1', 'ex1', 'The expected output is: "target-ex1".', 'target-ex1'],
      ['out2', 'ex1', 'The expected output is: "second-ex1".', 'second-ex1'],
      ['out1', 'ex2', 'The expected output is: "target-ex2".', 'target-ex2'],
      ['out2', 'ex2', 'The expected output is: "second-ex2".', 'second-ex2'],
    ]);
    expect(seed.signals.every((s) => s.kind === 'seed' && s.fromNodeId === 'loss' && s.asksForChange)).toBe(
      true,
    );
  });

  it.each([
    ['diamond (N_in = 1)', diamond, 1],
    ['deep chain (N_in = 3)', deepChain, 3],
    ['two outputs (N_in = 2)', twoOutputs, 2],
    ['fan-in of 3 (N_in = 1)', fanIn(3), 1],
  ])('makes exactly b·N_in backward calls on %s', async (_name, workflow, nIn) => {
    const model = createFakeOptimizer(blameResponder(new Set(['a'])));
    const b = 2;
    const pass = await runWalk(fakeContext(model), rule, {
      workflow,
      batch: failingBatch(workflow, b),
      callKeyPrefix: 'it1',
    });
    expect(pass.failures).toEqual([]);
    expect(model.calls).toHaveLength(b * nIn);
    expect(model.calls.every((c) => c.payload.task === 'sembp.gradient')).toBe(true);
  });

  it('shows every sibling output in each joint call and records it on each signal', async () => {
    const model = createFakeOptimizer(blameResponder(new Set(['b'])));
    const batch = failingBatch(diamond, 2);
    const pass = await runWalk(fakeContext(model), rule, {
      workflow: diamond,
      batch,
      callKeyPrefix: 'p',
    });
    const payloads = model.payloads('sembp.gradient') as SembpGradientTask[];
    expect(payloads).toHaveLength(2);
    for (const p of payloads) {
      const trace = batch.find((x) => x.example.id === p.example.id)!.trace;
      const byId = Object.fromEntries(p.inputs.map((i) => [i.id, i.value]));
      expect(byId.a).toBe(trace.nodes.a!.output);
      expect(byId.b).toBe(trace.nodes.b!.output);
      expect(p.output).toBe(trace.nodes.c!.output);
      expect(p.messages).toEqual([
        { from: 'out', text: expect.stringContaining('target-'), suggestedValue: expect.any(String) },
      ]);
    }
    const toA = pass.signals.filter((s) => s.nodeId === 'a' && s.fromNodeId === 'c');
    expect(toA).toHaveLength(2);
    for (const s of toA) {
      const trace = batch.find((x) => x.example.id === s.exampleId)!.trace;
      expect(s.siblingOutputs).toEqual({ b: trace.nodes.b!.output });
      expect(s.kind).toBe('gradient');
      expect(s.asksForChange).toBe(false);
    }
    const toB = pass.signals.filter((s) => s.nodeId === 'b');
    expect(toB.every((s) => s.asksForChange && s.siblingOutputs.a !== undefined)).toBe(true);
  });

  it('concatenates the messages of several successors into one joint call', async () => {
    // in -> r -> a; a -> b -> out1; a -> c -> out2: a has a step predecessor and two successors.
    const workflow = forkAfterRoot;
    const model = createFakeOptimizer(blameResponder(new Set(['a'])));
    await runWalk(fakeContext(model), rule, {
      workflow,
      batch: failingBatch(workflow, 2),
      callKeyPrefix: 'p',
    });
    const atA = model.payloads('sembp.gradient').filter((p) => p.node.id === 'a');
    expect(atA).toHaveLength(2);
    for (const p of atA) {
      expect(p.messages).toEqual([
        { from: 'b', text: 'a should change' },
        { from: 'c', text: 'a should change' },
      ]);
    }
    // b·N_in with N_in = {a, b, c}.
    expect(model.calls).toHaveLength(2 * 3);
  });

  it('parses 12 inputs by id, whatever the key order or style', async () => {
    const workflow = fanIn(12);
    const model = createFakeOptimizer((payload) => {
      if (payload.task !== 'sembp.gradient') throw new Error('unexpected');
      const entries = payload.inputs
        .filter((i) => i.kind !== 'input')
        .reverse()
        // Key some entries by the template name ("h3") or in upper case instead of the id.
        .map((i, k) => [k % 3 === 0 ? i.name : k % 3 === 1 ? i.id.toUpperCase() : i.id, i.id] as const);
      return {
        inputs: Object.fromEntries(
          entries.map(([key, id]) => [key, { change: id === 'p7', message: `about ${id}` }]),
        ),
      };
    });
    const pass = await runWalk(fakeContext(model), rule, {
      workflow,
      batch: failingBatch(workflow, 1),
      callKeyPrefix: 'p',
    });
    expect(pass.failures).toEqual([]);
    expect(model.calls).toHaveLength(1);
    const toPreds = pass.signals.filter((s) => s.fromNodeId === 's');
    expect(toPreds).toHaveLength(12);
    for (const s of toPreds) {
      expect(s.text).toBe(`about ${s.nodeId}`);
      expect(s.asksForChange).toBe(s.nodeId === 'p7');
      expect(Object.keys(s.siblingOutputs)).toHaveLength(11);
    }
  });

  it('repairs a missing input id once, then records a visible failure', async () => {
    const model = createFakeOptimizer((payload) => {
      if (payload.task !== 'sembp.gradient') throw new Error('unexpected');
      return { inputs: { a: { change: true, message: 'only a' } } };
    });
    const pass = await runWalk(fakeContext(model), rule, {
      workflow: diamond,
      batch: failingBatch(diamond, 1),
      callKeyPrefix: 'p',
    });
    expect(model.calls.map((c) => c.attempt)).toEqual([0, 1]);
    const repairText = model.calls[1]!.request.messages.at(-1)!.content;
    expect(repairText).toContain('"b"');
    expect(pass.signals.filter((s) => s.fromNodeId === 'c')).toEqual([]);
    expect(pass.failures).toEqual([
      expect.objectContaining({ nodeId: 'c', exampleId: 'ex1', callId: 'call-2', task: 'sembp.gradient' }),
    ]);
    expect(pass.failures[0]!.reason).toContain('sembp.gradient@3');
  });

  it('accepts a repaired answer and keeps both call ids', async () => {
    const model = createFakeOptimizer((payload, { attempt }) => {
      if (attempt === 0) return { raw: 'Hint 1: a is wrong\nHint 2: b is fine' };
      return blameResponder(new Set(['a']))(payload, { attempt, request: { messages: [] } });
    });
    const pass = await runWalk(fakeContext(model), rule, {
      workflow: diamond,
      batch: failingBatch(diamond, 1),
      callKeyPrefix: 'p',
    });
    expect(pass.failures).toEqual([]);
    expect(pass.callIds).toEqual(['call-1', 'call-2']);
    expect(pass.signals.find((s) => s.nodeId === 'a' && s.fromNodeId === 'c')?.callId).toBe('call-2');
  });

  it('uses deterministic call keys per node and example', async () => {
    const model = createFakeOptimizer(blameResponder(new Set(['a'])));
    await runWalk(fakeContext(model), rule, {
      workflow: deepChain,
      batch: failingBatch(deepChain, 2),
      callKeyPrefix: 'run7/it3',
    });
    const keys = model.calls.map((c) => c.request.meta?.callKey).sort();
    expect(keys).toEqual([
      'run7/it3/sembp.gradient/b/ex1',
      'run7/it3/sembp.gradient/b/ex2',
      'run7/it3/sembp.gradient/c/ex1',
      'run7/it3/sembp.gradient/c/ex2',
      'run7/it3/sembp.gradient/d/ex1',
      'run7/it3/sembp.gradient/d/ex2',
    ]);
    expect(model.calls.every((c) => c.request.meta?.purpose === 'gradient')).toBe(true);
  });

  it('comment variant asks for per-input comments and emits comment signals', async () => {
    const model = createFakeOptimizer(blameResponder(new Set(['b'])));
    const pass = await runWalk(fakeContext(model), createSemanticRule({ variant: 'comment' }), {
      workflow: diamond,
      batch: failingBatch(diamond, 1),
      callKeyPrefix: 'p',
    });
    const payload = model.payloads('sembp.gradient')[0]!;
    expect(payload.variant).toBe('comment');
    expect(model.calls[0]!.request.messages[1]!.content).toContain('without mentioning the other inputs');
    expect(pass.signals.filter((s) => s.fromNodeId === 'c').map((s) => s.kind)).toEqual([
      'comment',
      'comment',
    ]);
    expect(asOutputComment('This input repeats the question.')).toBe('The output repeats the question.');
    expect(asOutputComment('Misleading: this input is wrong.')).toBe('Misleading: this input is wrong.');
  });

  it('makes no call for an example whose messages are all empty', async () => {
    const model = createFakeOptimizer((payload) => {
      if (payload.task !== 'sembp.gradient') throw new Error('unexpected');
      // d says nothing to c about ex1.
      return {
        inputs: Object.fromEntries(
          payload.inputs.filter((i) => i.kind !== 'input').map((i) => [i.id, { change: false, message: '' }]),
        ),
      };
    });
    await runWalk(fakeContext(model), rule, {
      workflow: deepChain,
      batch: failingBatch(deepChain, 1),
      callKeyPrefix: 'p',
    });
    expect(model.calls.map((c) => c.request.meta?.nodeId)).toEqual(['d']);
  });

  it('treats a code node as a step: one joint call that shows its code', async () => {
    const workflow = codeChain;
    const model = createFakeOptimizer(blameResponder(new Set(['a'])));
    const pass = await runWalk(fakeContext(model), rule, {
      workflow,
      batch: failingBatch(workflow, 2),
      callKeyPrefix: 'p',
    });
    expect(pass.failures).toEqual([]);
    // N_in = {k, b}: k has the step predecessor a, b has the step predecessor k.
    expect(model.calls).toHaveLength(2 * 2);
    const atK = model.payloads('sembp.gradient').find((p) => p.node.id === 'k')!;
    expect(atK.node).toMatchObject({ kind: 'code', code: 'return inputs.x.toUpperCase();' });
    expect(pass.signals.filter((s) => s.nodeId === 'a' && s.asksForChange)).toHaveLength(2);
  });

  it('records a failure, not a call, where the node produced no forward output', async () => {
    const batch = failingBatch(diamond, 1);
    const c = batch[0]!.trace.nodes.c!;
    batch[0]!.trace.nodes.c = { ...c, status: 'error', output: undefined, error: 'HTTP 500' };
    const model = createFakeOptimizer(blameResponder(new Set(['a'])));
    const pass = await runWalk(fakeContext(model), rule, {
      workflow: diamond,
      batch,
      callKeyPrefix: 'p',
    });
    expect(model.calls).toHaveLength(0);
    expect(pass.failures).toEqual([expect.objectContaining({ nodeId: 'c', exampleId: 'ex1' })]);
    expect(pass.failures[0]!.reason).toContain('no output');
  });
});
