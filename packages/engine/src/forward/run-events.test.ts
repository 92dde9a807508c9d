import type { RunContext } from '../context';
import { runForward } from './run';
import { echoModel, fakeModel, lastUser } from './test-support/fake-models';
import {
  chainWorkflow,
  codeNode,
  ctxWith,
  edge,
  ex,
  inputNode,
  llmNode,
  outputNode,
  workflow,
} from './test-support/workflows';
import type { ForwardEvent } from './types';

describe('runForward: code nodes and events', () => {
  it('runs code nodes, JSON-stringifies non-string results and records thrown errors', async () => {
    const wf = workflow(
      [
        inputNode('in'),
        codeNode('count', 'return inputs.x.split(" ").length;'),
        codeNode('shape', 'return { words: inputs.x.split(" ") };'),
        codeNode('boom', 'throw new TypeError("bad input " + inputs.x.length);'),
        llmNode('after'),
        outputNode('o1'),
        outputNode('o2', 'k2'),
        outputNode('o3', 'k3'),
      ],
      [
        edge('in', 'count'),
        edge('in', 'shape'),
        edge('in', 'boom'),
        edge('boom', 'after'),
        edge('count', 'o1'),
        edge('shape', 'o2'),
        edge('after', 'o3'),
      ],
    );
    const [trace] = await runForward(ctxWith(echoModel()), {
      workflow: wf,
      examples: [ex('e', 'one two three')],
    });
    expect(trace!.outputs).toEqual({ o1: '3', o2: '{"words":["one","two","three"]}' });
    expect(trace!.nodes.boom).toMatchObject({
      status: 'error',
      error: 'the code failed: The code threw TypeError: bad input 13',
    });
    expect(trace!.nodes.after!.error).toContain('upstream node "boom" failed');
  });

  it('uses the context code runner when one is given', async () => {
    const seen: string[] = [];
    const ctx: RunContext = {
      ...ctxWith(echoModel()),
      codeRunner: {
        run: async (code, inputs) => {
          seen.push(code);
          return `ran with ${inputs.x}`;
        },
      },
    };
    const wf = workflow(
      [inputNode('in'), codeNode('c', 'return 1;'), outputNode('out')],
      [edge('in', 'c'), edge('c', 'out')],
    );
    const [trace] = await runForward(ctx, { workflow: wf, examples: [ex('e', 'q')] });
    expect(trace!.outputs.out).toBe('ran with q');
    expect(seen).toEqual(['return 1;']);
  });

  it('emits started/finished per node and exampleFinished last, in causal order', async () => {
    const events: ForwardEvent[] = [];
    const model = fakeModel((r) => {
      if (r.meta?.exampleId === 'bad') throw new Error('down');
      return lastUser(r);
    });
    await runForward(ctxWith(model), {
      workflow: chainWorkflow(),
      examples: [ex('ok', 'q'), ex('bad', 'q')],
      onEvent: (e) => events.push(e),
    });
    const describe = (e: ForwardEvent) =>
      e.type === 'nodeFinished'
        ? `${e.type}:${e.nodeId}:${e.trace.status}`
        : `${e.type}${'nodeId' in e ? `:${e.nodeId}` : ''}`;
    expect(events.filter((e) => e.exampleId === 'ok').map(describe)).toEqual([
      'nodeFinished:in:ok',
      'nodeStarted:a',
      'nodeFinished:a:ok',
      'nodeStarted:b',
      'nodeFinished:b:ok',
      'nodeFinished:out:ok',
      'exampleFinished',
    ]);
    expect(events.filter((e) => e.exampleId === 'bad').map(describe)).toEqual([
      'nodeFinished:in:ok',
      'nodeStarted:a',
      'nodeFinished:a:error',
      'nodeFinished:b:skipped',
      'nodeFinished:out:skipped',
      'exampleFinished',
    ]);
  });

  it('rejects the run when an event listener throws', async () => {
    const run = runForward(ctxWith(echoModel()), {
      workflow: chainWorkflow(),
      examples: [ex('e', 'q')],
      onEvent: (e) => {
        if (e.type === 'nodeStarted') throw new Error('listener broke');
      },
    });
    await expect(run).rejects.toThrow('listener broke');
  });
});
