import type { ChatModel, ChatRequest } from '../providers/types';
import { emptyTotals, journaledContext } from './journal';

function countingModel(): ChatModel & { calls: number } {
  const model = {
    label: 'counting',
    simulated: true,
    calls: 0,
    async complete(request: ChatRequest) {
      model.calls += 1;
      return {
        text: `answer ${model.calls} to ${request.messages.at(-1)?.content}`,
        usage: { inputTokens: 3, outputTokens: 2 },
        model: 'm',
        callId: `id${model.calls}`,
      };
    },
  };
  return model;
}

const ask = (content: string, callKey?: string): ChatRequest => ({
  messages: [{ role: 'user', content }],
  ...(callKey ? { meta: { purpose: 'test', callKey } } : {}),
});

describe('journaledContext', () => {
  it('replays a settled keyed call, re-asks when the key comes with other messages, never replays unkeyed calls', async () => {
    const model = countingModel();
    const store = { journal: {}, totals: emptyTotals() };
    const ctx = journaledContext({ forwardModel: model, optimizerModel: model }, store);

    const first = await ctx.forwardModel.complete(ask('hi', 'k1'));
    const again = await ctx.optimizerModel.complete(ask('hi', 'k1'));
    expect(again).toEqual(first);
    expect(model.calls).toBe(1);

    const changed = await ctx.forwardModel.complete(ask('hello', 'k1'));
    expect(changed.text).toBe('answer 2 to hello');
    await ctx.forwardModel.complete(ask('hi'));
    await ctx.forwardModel.complete(ask('hi'));
    expect(model.calls).toBe(4);
    expect(store.totals).toEqual({ calls: 4, inputTokens: 12, outputTokens: 8, costUsd: 0 });
  });

  it('keeps its journal as plain JSON, usable by another process', async () => {
    const store = { journal: {}, totals: emptyTotals() };
    await journaledContext(
      { forwardModel: countingModel(), optimizerModel: countingModel() },
      store,
    ).forwardModel.complete(ask('hi', 'k1'));
    const copy = JSON.parse(JSON.stringify(store));
    const fresh = countingModel();
    const replayed = await journaledContext(
      { forwardModel: fresh, optimizerModel: fresh },
      copy,
    ).forwardModel.complete(ask('hi', 'k1'));
    expect(replayed).toMatchObject({ text: 'answer 1 to hi', callId: 'id1' });
    expect(fresh.calls).toBe(0);
  });

  it('adds the cost the provider priced in its call records, except for cached answers', () => {
    const store = { journal: {}, totals: emptyTotals() };
    const seen: number[] = [];
    const ctx = journaledContext(
      { forwardModel: countingModel(), optimizerModel: countingModel(), record: (r) => seen.push(r.costUsd) },
      store,
    );
    const record = {
      callId: 'x',
      purpose: 'test' as const,
      model: 'm',
      startedAt: 0,
      latencyMs: 1,
      attempts: 1,
    };
    const base = { ...record, usage: { inputTokens: 1, outputTokens: 1 }, request: { messages: [] } };
    ctx.record?.({ ...base, costUsd: 0.25, cached: false });
    ctx.record?.({ ...base, costUsd: 0.25, cached: true });
    expect(store.totals.costUsd).toBe(0.25);
    expect(seen).toEqual([0.25, 0.25]);
  });
});
