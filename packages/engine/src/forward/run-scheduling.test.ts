import { runForward } from './run';
import { controlledModel, echoModel, limitedModel, upperModel } from './test-support/fake-models';
import {
  chainWorkflow,
  ctxWith,
  edge,
  ex,
  flush,
  inputNode,
  llmNode,
  outputNode,
  workflow,
} from './test-support/workflows';

describe('runForward: scheduling', () => {
  it('completes every example of a diamond under a concurrency limit, never exceeding it', async () => {
    const model = limitedModel(upperModel(), 3);
    const wf = workflow(
      [
        inputNode('in'),
        llmNode('l'),
        llmNode('r'),
        llmNode('join', { userTemplate: '{{l}}|{{r}}' }),
        outputNode('out'),
      ],
      [edge('in', 'l'), edge('in', 'r'), edge('l', 'join', 'l'), edge('r', 'join', 'r'), edge('join', 'out')],
    );
    const examples = Array.from({ length: 40 }, (_, i) => ex(`e${i}`, `q${i}`));
    const traces = await runForward(ctxWith(model), { workflow: wf, examples });
    expect(traces.map((t) => t.outputs.out)).toEqual(examples.map((_, i) => `Q${i}|Q${i}`));
    expect(model.maxInFlight).toBe(3);
  });

  it("starts example A's downstream node while example B's upstream node is still pending", async () => {
    const model = controlledModel();
    const run = runForward(ctxWith(model), {
      workflow: chainWorkflow(),
      examples: [ex('A', 'a'), ex('B', 'b')],
    });
    // Both examples' first calls are issued together: no per-example serialisation.
    const aA = await model.call('a/A');
    const aB = await model.call('a/B');
    aA.resolve('from a on A');
    const bA = await model.call('b/A');
    expect(aB.settled).toBe(false);
    expect(bA.request.messages[1]!.content).toBe('from a on A');

    bA.resolve('A done');
    // A finishes completely while B has not even finished its first node.
    await flush();
    aB.resolve('from a on B');
    (await model.call('b/B')).resolve('B done');
    const traces = await run;
    expect(traces.map((t) => t.outputs.out)).toEqual(['A done', 'B done']);
    expect(model.log).toEqual([
      'start:a/A',
      'start:a/B',
      'end:a/A',
      'start:b/A',
      'end:b/A',
      'end:a/B',
      'start:b/B',
      'end:b/B',
    ]);
  });

  it('starts a deeper node of one example while a shallower branch of the same example is pending', async () => {
    const model = controlledModel();
    const wf = workflow(
      [
        inputNode('in'),
        llmNode('a'),
        llmNode('b'),
        llmNode('c'),
        llmNode('join', { userTemplate: '{{l}}+{{r}}' }),
        outputNode('out'),
      ],
      [
        edge('in', 'a'),
        edge('a', 'b'),
        edge('in', 'c'),
        edge('b', 'join', 'l'),
        edge('c', 'join', 'r'),
        edge('join', 'out'),
      ],
    );
    const run = runForward(ctxWith(model), { workflow: wf, examples: [ex('E', 'q')] });
    (await model.call('a/E')).resolve('A');
    const b = await model.call('b/E');
    const c = await model.call('c/E');
    expect(c.settled).toBe(false);
    b.resolve('B');
    await flush();
    // join needs both branches: it must not start before c settles.
    expect(model.started('join/E')).toBe(false);
    c.resolve('C');
    const join = await model.call('join/E');
    expect(join.request.messages[1]!.content).toBe('B+C');
    join.resolve('J');
    expect((await run)[0]!.outputs.out).toBe('J');
  });
});

describe('runForward: abort', () => {
  it('rejects promptly with an AbortError and starts no new call', async () => {
    const controller = new AbortController();
    const model = controlledModel();
    const run = runForward(ctxWith(model, controller.signal), {
      workflow: chainWorkflow(),
      examples: [ex('A', 'a'), ex('B', 'b')],
    });
    const aA = await model.call('a/A');
    await model.call('a/B');
    controller.abort();
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    aA.resolve('late answer');
    await flush();
    expect(model.calls.map((c) => c.key)).toEqual(['a/A', 'a/B']);
    // The in-flight calls saw the signal too.
    expect(model.log).toContain('fail:a/B');
  });

  it('rejects at once when the signal is already aborted', async () => {
    const model = echoModel();
    const signal = AbortSignal.abort();
    await expect(
      runForward(ctxWith(model, signal), { workflow: chainWorkflow(), examples: [ex('A', 'a')] }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(model.requests).toHaveLength(0);
  });

  it('wraps a custom abort reason in an AbortError that quotes it', async () => {
    const controller = new AbortController();
    const model = controlledModel();
    const run = runForward(ctxWith(model, controller.signal), {
      workflow: chainWorkflow(),
      examples: [ex('A', 'a')],
    });
    await model.call('a/A');
    controller.abort('user pressed stop');
    await expect(run).rejects.toMatchObject({
      name: 'AbortError',
      message: expect.stringContaining('user pressed stop'),
    });
  });
});
