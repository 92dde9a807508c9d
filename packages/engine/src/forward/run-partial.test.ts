import type { ChatModel, ChatRequest } from '../providers/types';
import { runForward } from './run';
import { chainWorkflow, ctxWith, ex } from './test-support/workflows';
import type { ForwardEvent } from './types';

/** Streams its answer (the upper-cased user message) two characters at a time through onPartial. */
function streamingModel(): ChatModel & { requests: ChatRequest[] } {
  const requests: ChatRequest[] = [];
  return {
    label: 'streaming',
    simulated: true,
    requests,
    async complete(request) {
      requests.push(request);
      const text = (request.messages.at(-1)?.content ?? '').toUpperCase();
      for (let i = 2; i < text.length; i += 2) {
        await Promise.resolve();
        request.onPartial?.(text.slice(0, i));
      }
      request.onPartial?.(text);
      return { text, usage: { inputTokens: 1, outputTokens: 1 }, model: 'm', callId: `c${requests.length}` };
    },
  };
}

describe('runForward: partial output', () => {
  it('with stream: true, reports each llm node’s growing text between its start and its finish', async () => {
    const model = streamingModel();
    const events: ForwardEvent[] = [];
    const [trace] = await runForward(ctxWith(model), {
      workflow: chainWorkflow(),
      examples: [ex('e1', 'abcdefg')],
      stream: true,
      onEvent: (e) => events.push(e),
    });
    const llmIds = Object.values(trace!.nodes)
      .filter((n) => n.messages !== undefined)
      .map((n) => n.nodeId);
    expect(llmIds.length).toBeGreaterThan(0);
    for (const nodeId of llmIds) {
      const mine = events.filter((e) => e.type !== 'exampleFinished' && e.nodeId === nodeId);
      const partials = mine.flatMap((e) => (e.type === 'nodePartial' ? [e.text] : []));
      expect(mine[0]?.type).toBe('nodeStarted');
      expect(mine.at(-1)?.type).toBe('nodeFinished');
      expect(partials.length).toBeGreaterThan(1);
      // Each partial extends the previous one and the last equals the node's final output.
      for (let i = 1; i < partials.length; i++) expect(partials[i]!.startsWith(partials[i - 1]!)).toBe(true);
      expect(partials.at(-1)).toBe(trace!.nodes[nodeId]!.output);
    }
    expect(model.requests.every((r) => typeof r.onPartial === 'function')).toBe(true);
  });

  it('without stream, sends no onPartial (no streaming request) and emits no partial events', async () => {
    const model = streamingModel();
    const events: ForwardEvent[] = [];
    await runForward(ctxWith(model), {
      workflow: chainWorkflow(),
      examples: [ex('e1', 'abcdefg')],
      onEvent: (e) => events.push(e),
    });
    expect(model.requests.length).toBeGreaterThan(0);
    expect(model.requests.every((r) => r.onPartial === undefined)).toBe(true);
    expect(events.some((e) => e.type === 'nodePartial')).toBe(false);
  });

  it('drops a partial that arrives after its node settled', async () => {
    let late: ((text: string) => void) | undefined;
    const model: ChatModel = {
      label: 'late',
      simulated: true,
      async complete(request) {
        late = request.onPartial;
        return { text: 'done', usage: { inputTokens: 1, outputTokens: 1 }, model: 'm', callId: 'c' };
      },
    };
    const events: ForwardEvent[] = [];
    const wf = chainWorkflow();
    const run = runForward(ctxWith(model), {
      workflow: wf,
      examples: [ex('e1', 'x')],
      stream: true,
      onEvent: (e) => {
        events.push(e);
        if (e.type === 'nodeFinished') late?.('stale text');
      },
    });
    await run;
    expect(late).toBeDefined();
    expect(events.some((e) => e.type === 'nodePartial')).toBe(false);
  });
});
