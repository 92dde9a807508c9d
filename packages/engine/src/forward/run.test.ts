import type { Example } from '../datasets/types';
import { runForward } from './run';
import { echoModel, fakeModel, lastUser, upperModel } from './test-support/fake-models';
import { runForwardOnExample } from './test-support/run-one';
import {
  chainWorkflow,
  ctxWith,
  edge,
  ex,
  inputNode,
  llmNode,
  outputNode,
  workflow,
} from './test-support/workflows';

describe('runForward: results', () => {
  it('runs a chain and records inputs, messages, outputs, call ids and usage per node', async () => {
    const model = upperModel();
    const wf = chainWorkflow();
    const traces = await runForward(ctxWith(model), {
      workflow: wf,
      examples: [ex('e1', 'hi'), ex('e2', 'yo')],
    });

    expect(traces.map((t) => t.exampleId)).toEqual(['e1', 'e2']);
    const [t1] = traces;
    expect(t1!.outputs).toEqual({ out: 'HI' });
    expect(t1!.nodes.in).toMatchObject({ status: 'ok', output: 'hi', inputs: { question: 'hi' } });
    expect(t1!.nodes.a).toMatchObject({
      status: 'ok',
      inputs: { x: 'hi' },
      messages: [
        { role: 'system', content: 'prompt of a' },
        { role: 'user', content: 'hi' },
      ],
      output: 'HI',
    });
    expect(t1!.nodes.a!.callId).toMatch(/^upper-/);
    expect(t1!.nodes.a!.usage?.outputTokens).toBeGreaterThan(0);
    expect(t1!.nodes.a!.latencyMs).toBeGreaterThanOrEqual(0);
    expect(t1!.nodes.b!.inputs).toEqual({ x: 'HI' });
    expect(t1!.nodes.out).toMatchObject({ status: 'ok', output: 'HI', inputs: { x: 'HI' } });
    expect(traces[1]!.outputs.out).toBe('YO');
    expect(model.requests).toHaveLength(4);
  });

  it('renders several named inputs into the template and reads the right input fields', async () => {
    const wf = workflow(
      [
        inputNode('in', ['question', 'context']),
        llmNode('a', { userTemplate: 'Q: {{q}}\nC: {{ c }}' }),
        outputNode('out'),
      ],
      [edge('in', 'a', 'q', 'question'), edge('in', 'a', 'c', 'context'), edge('a', 'out')],
    );
    const example: Example = { id: 'e', inputs: { question: 'why?', context: 'sky' }, target: '' };
    const trace = await runForwardOnExample(ctxWith(echoModel()), { workflow: wf, example });
    expect(trace.outputs.out).toBe('Q: why?\nC: sky');
    expect(trace.nodes.a!.inputs).toEqual({ q: 'why?', c: 'sky' });
    expect(trace.nodes.in!.output).toBe(JSON.stringify({ question: 'why?', context: 'sky' }));
  });

  it('uses node model/temperature overrides, then workflow defaults, then temperature 0', async () => {
    const model = echoModel();
    const wf = workflow(
      [
        inputNode('in'),
        llmNode('plain'),
        llmNode('custom', { model: 'big-model', temperature: 0.7 }),
        outputNode('o1'),
        outputNode('o2', 'other'),
      ],
      [edge('in', 'plain'), edge('in', 'custom'), edge('plain', 'o1'), edge('custom', 'o2')],
    );
    await runForward(ctxWith(model), { workflow: wf, examples: [ex('e', 'q')] });
    const byNode = (id: string) => model.requests.find((r) => r.meta?.nodeId === id)!;
    expect(byNode('plain').model).toBeUndefined();
    expect(byNode('plain').temperature).toBe(0);
    expect(byNode('custom')).toMatchObject({ model: 'big-model', temperature: 0.7 });

    model.requests.length = 0;
    await runForward(ctxWith(model), {
      workflow: { ...wf, defaults: { model: 'small-model', temperature: 0.3 } },
      examples: [ex('e', 'q')],
    });
    expect(byNode('plain')).toMatchObject({ model: 'small-model', temperature: 0.3 });
    expect(byNode('custom')).toMatchObject({ model: 'big-model', temperature: 0.7 });
  });

  it('gives every call forward meta with a stable call key under the prefix', async () => {
    const model = echoModel();
    await runForward(ctxWith(model), {
      workflow: chainWorkflow(),
      examples: [ex('e1', 'q')],
      callKeyPrefix: 'it3',
    });
    expect(model.requests.map((r) => r.meta)).toEqual([
      { purpose: 'forward', nodeId: 'a', exampleId: 'e1', callKey: 'it3/forward/a/e1' },
      { purpose: 'forward', nodeId: 'b', exampleId: 'e1', callKey: 'it3/forward/b/e1' },
    ]);
    model.requests.length = 0;
    await runForward(ctxWith(model), { workflow: chainWorkflow(), examples: [ex('e1', 'q')] });
    expect(model.requests[0]!.meta?.callKey).toBe('fwd/forward/a/e1');
  });

  it('resolves with no traces for no examples, without calling the model', async () => {
    const model = echoModel();
    expect(await runForward(ctxWith(model), { workflow: chainWorkflow(), examples: [] })).toEqual([]);
    expect(model.requests).toHaveLength(0);
  });
});

describe('runForward: failures', () => {
  it("marks a failed node's descendants skipped in that example while the others complete", async () => {
    const model = fakeModel((r) => {
      if (r.meta?.nodeId === 'a' && r.meta.exampleId === 'bad') throw new Error('HTTP 500 after 3 attempts');
      return lastUser(r);
    });
    const wf = workflow(
      [
        inputNode('in'),
        llmNode('a'),
        llmNode('b'),
        llmNode('side'),
        outputNode('out'),
        outputNode('out2', 'k'),
      ],
      [edge('in', 'a'), edge('a', 'b'), edge('b', 'out'), edge('in', 'side'), edge('side', 'out2')],
    );
    const traces = await runForward(ctxWith(model), {
      workflow: wf,
      examples: [ex('good', 'g'), ex('bad', 'x'), ex('good2', 'h')],
    });
    const [good, bad, good2] = traces;
    expect(good!.outputs).toEqual({ out: 'g', out2: 'g' });
    expect(good2!.outputs).toEqual({ out: 'h', out2: 'h' });
    expect(bad!.nodes.a).toMatchObject({
      status: 'error',
      error: 'the model call failed: HTTP 500 after 3 attempts',
    });
    expect(bad!.nodes.a!.messages?.[1]?.content).toBe('x');
    for (const id of ['b', 'out']) {
      expect(bad!.nodes[id]!.status).toBe('skipped');
      expect(bad!.nodes[id]!.error).toContain('upstream node "a" failed');
    }
    // The independent branch of the failing example still runs.
    expect(bad!.nodes.side!.status).toBe('ok');
    expect(bad!.outputs).toEqual({ out2: 'x' });
    expect(model.requests.filter((r) => r.meta?.nodeId === 'b').map((r) => r.meta?.exampleId)).toEqual([
      'good',
      'good2',
    ]);
  });

  it('records a template with an unbound variable as a node error naming the variable', async () => {
    const wf = workflow(
      [inputNode('in'), llmNode('a', { userTemplate: '{{x}} and {{missing}}' }), outputNode('out')],
      [edge('in', 'a'), edge('a', 'out')],
    );
    const model = echoModel();
    const [trace] = await runForward(ctxWith(model), { workflow: wf, examples: [ex('e', 'q')] });
    expect(trace!.nodes.a!.status).toBe('error');
    expect(trace!.nodes.a!.error).toContain('{{missing}}');
    expect(trace!.nodes.out!.status).toBe('skipped');
    expect(model.requests).toHaveLength(0);
  });

  it('fails the input node when the example lacks a field, and skips what depends on it', async () => {
    const example: Example = { id: 'e', inputs: { prompt: 'x' }, target: '' };
    const [trace] = await runForward(ctxWith(echoModel()), {
      workflow: chainWorkflow(),
      examples: [example],
    });
    expect(trace!.nodes.in!.status).toBe('error');
    expect(trace!.nodes.in!.error).toBe('example "e" has no field "question" (it has "prompt")');
    expect(trace!.nodes.b!.error).toContain('upstream node "in" failed');
    expect(trace!.outputs).toEqual({});
  });

  it('treats a field named "constructor" the example lacks as missing, never as Object', async () => {
    const wf = workflow(
      [
        inputNode('in', ['constructor']),
        llmNode('a', { userTemplate: '{{constructor}}' }),
        outputNode('out'),
      ],
      [edge('in', 'a', 'constructor'), edge('a', 'out')],
    );
    const model = echoModel();
    const [trace] = await runForward(ctxWith(model), { workflow: wf, examples: [ex('e', 'q')] });
    expect(trace!.nodes.in!.status).toBe('error');
    expect(trace!.nodes.in!.error).toContain('has no field "constructor"');
    expect(JSON.stringify(trace)).not.toContain('native code');
    expect(model.requests).toHaveLength(0);
  });

  it('rejects a batch with duplicate example ids (their call keys would collide)', async () => {
    const model = echoModel();
    const run = runForward(ctxWith(model), {
      workflow: chainWorkflow(),
      examples: [ex('e', 'a'), ex('e', 'b')],
    });
    await expect(run).rejects.toThrow('two examples have the id "e"');
    expect(model.requests).toHaveLength(0);
  });

  it('rejects a cyclic workflow before calling the model', async () => {
    const model = echoModel();
    const wf = workflow(
      [inputNode('in'), llmNode('a'), llmNode('b', { userTemplate: '{{x}}{{y}}' }), outputNode('out')],
      [edge('in', 'b', 'y'), edge('a', 'b'), edge('b', 'a'), edge('b', 'out')],
    );
    await expect(runForward(ctxWith(model), { workflow: wf, examples: [ex('e', 'q')] })).rejects.toThrow(
      /cycle/,
    );
    expect(model.requests).toHaveLength(0);
  });
});
