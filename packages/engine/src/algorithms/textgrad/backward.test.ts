import { createFakeOptimizer, fakeContext } from '../../backward/test-support/fake-optimizer';
import { deepChain, diamond, failingBatch, fanIn, forkAfterRoot } from '../../backward/test-support/fixtures';
import { blameResponder } from '../../backward/test-support/responders';
import { runWalk } from '../../backward/test-support/walk-pass';
import { renderedUserMessage } from '../../backward/walk';
import type { Workflow } from '../../graph/schema';
import { createTextgradRule, textgradUpdateGradients } from './backward';

const rule = createTextgradRule();

/** O output nodes, N trainable llm nodes, E edges from a step into a step. */
function counts(w: Workflow) {
  const kind = new Map(w.nodes.map((n) => [n.id, n.kind]));
  const step = (id: string) => kind.get(id) === 'llm' || kind.get(id) === 'code';
  const pairs = new Set(
    w.edges.filter((e) => step(e.source) && step(e.target)).map((e) => `${e.source}>${e.target}`),
  );
  return {
    O: w.nodes.filter((n) => n.kind === 'output').length,
    N: w.nodes.filter((n) => n.kind === 'llm' && n.trainable).length,
    E: pairs.size,
  };
}

describe('TextGrad', () => {
  it.each([
    ['diamond', diamond],
    ['deep chain', deepChain],
    ['fork after root', forkAfterRoot],
    ['fan-in of 3', fanIn(3)],
  ])('makes exactly b·(O + N + E) backward calls on %s', async (_name, workflow) => {
    const model = createFakeOptimizer(blameResponder(new Set()));
    const b = 2;
    const pass = await runWalk(fakeContext(model), rule, {
      workflow,
      batch: failingBatch(workflow, b),
      callKeyPrefix: 'p',
    });
    const { O, N, E } = counts(workflow);
    expect(pass.failures).toEqual([]);
    expect(model.calls).toHaveLength(b * (O + N + E));
    expect(model.payloads('textgrad.loss')).toHaveLength(b * O);
    expect(model.payloads('textgrad.gradient').filter((p) => p.variable === 'prompt')).toHaveLength(b * N);
    expect(model.payloads('textgrad.gradient').filter((p) => p.variable === 'input')).toHaveLength(b * E);
  });

  it('shows each edge gradient the whole formatted input, siblings included, as the reference code does', async () => {
    const model = createFakeOptimizer(blameResponder(new Set()));
    const batch = failingBatch(diamond, 2);
    await runWalk(fakeContext(model), rule, { workflow: diamond, batch, callKeyPrefix: 'p' });
    const edgePayloads = model.payloads('textgrad.gradient').filter((p) => p.variable === 'input');
    expect(edgePayloads).toHaveLength(4);
    for (const p of edgePayloads) {
      const trace = batch.find((x) => p.renderedUserMessage.includes(x.example.inputs.question!))!.trace;
      const sibling = p.input.id === 'a' ? 'b' : 'a';
      expect(p.renderedUserMessage).toBe(renderedUserMessage(trace, 'c'));
      expect(p.renderedUserMessage).toContain(trace.nodes[sibling]!.output!);
      // Still generated on its own: no other edge's gradient message.
      expect(p.feedback.every((m) => !m.text.includes('criticism of'))).toBe(true);
    }
  });

  it('ablation maskSiblings: each edge gradient sees neither the other inputs nor their messages', async () => {
    const model = createFakeOptimizer(blameResponder(new Set()));
    const batch = failingBatch(diamond, 2);
    const pass = await runWalk(fakeContext(model), createTextgradRule({ maskSiblings: true }), {
      workflow: diamond,
      batch,
      callKeyPrefix: 'p',
    });
    const edgePayloads = model.payloads('textgrad.gradient').filter((p) => p.variable === 'input');
    expect(edgePayloads).toHaveLength(4);
    for (const p of edgePayloads) {
      const trace = batch.find((x) => p.renderedUserMessage.includes(x.example.inputs.question!))!.trace;
      const sibling = p.input.id === 'a' ? 'b' : 'a';
      const siblingOutput = trace.nodes[sibling]!.output!;
      expect(p.input.value).toBe(trace.nodes[p.input.id]!.output);
      // The node's own output may quote its inputs (this fixture's does); nothing else may.
      const { output: _output, ...rest } = p;
      expect(JSON.stringify(rest)).not.toContain(siblingOutput);
      expect(p.renderedUserMessage).toContain(p.input.value);
      expect(p.renderedUserMessage).toContain(sibling === 'a' ? '{{h1}}' : '{{h2}}');
      expect(p.feedback.every((m) => !m.text.includes('criticism of'))).toBe(true);
    }
    const toSteps = pass.signals.filter((s) => s.kind === 'criticism');
    expect(toSteps.length).toBeGreaterThan(0);
    expect(toSteps.every((s) => Object.keys(s.siblingOutputs).length === 0)).toBe(true);
  });

  it('seeds with one loss call per example and output, and keeps prompt gradients apart', async () => {
    const model = createFakeOptimizer(blameResponder(new Set()));
    const batch = failingBatch(deepChain, 1);
    const pass = await runWalk(fakeContext(model), rule, {
      workflow: deepChain,
      batch,
      callKeyPrefix: 'p',
    });
    expect(pass.seeds).toEqual([
      expect.objectContaining({
        kind: 'seed',
        nodeId: 'out',
        fromNodeId: 'loss',
        text: 'the answer should be target-ex1',
      }),
    ]);
    expect(pass.promptSignals.map((s) => s.nodeId).sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(pass.promptSignals.every((s) => s.about === 'prompt' && s.fromNodeId === s.nodeId)).toBe(true);
    expect(pass.signals.some((s) => s.about === 'prompt')).toBe(false);
    const gradients = textgradUpdateGradients('b', batch, pass.promptSignals);
    expect(gradients).toEqual([
      {
        exampleId: 'ex1',
        input: batch[0]!.trace.nodes.b!.messages![1]!.content,
        output: batch[0]!.trace.nodes.b!.output,
        feedback: [{ from: 'b', text: 'criticism of b' }],
      },
    ]);
  });

  it('concatenates the feedback of several successors and keys calls per edge', async () => {
    const model = createFakeOptimizer(blameResponder(new Set()));
    await runWalk(fakeContext(model), rule, {
      workflow: forkAfterRoot,
      batch: failingBatch(forkAfterRoot, 1),
      callKeyPrefix: 'run/1',
    });
    const atA = model.calls.find(
      (c) =>
        c.payload.task === 'textgrad.gradient' && c.payload.node.id === 'a' && c.payload.variable === 'input',
    )!;
    expect(atA.payload.task === 'textgrad.gradient' && atA.payload.feedback).toEqual([
      { from: 'b', text: 'criticism of a' },
      { from: 'c', text: 'criticism of a' },
    ]);
    expect(atA.request.meta?.callKey).toBe('run/1/textgrad.gradient/a/ex1/r');
    const keys = model.calls.map((c) => c.request.meta?.callKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toContain('run/1/textgrad.loss/out1/ex1');
    expect(keys).toContain('run/1/textgrad.gradient.prompt/a/ex1');
  });
});
