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

  it('prices every answered call from the price table, once: replays and cached answers add nothing', async () => {
    const prices = { m: { inputPerMTok: 1_000_000, outputPerMTok: 2_000_000 } }; // $1 in, $2 out per token
    const store = { journal: {}, totals: emptyTotals() };
    const model = countingModel();
    const ctx = journaledContext({ forwardModel: model, optimizerModel: model }, store, { prices });
    await ctx.forwardModel.complete(ask('hi', 'k1'));
    await ctx.forwardModel.complete(ask('hi', 'k1')); // replayed from the journal
    expect(store.totals).toEqual({ calls: 1, inputTokens: 3, outputTokens: 2, costUsd: 7 });

    const cachedModel: ChatModel = {
      label: 'cached',
      simulated: false,
      complete: async () => ({
        text: 'x',
        usage: { inputTokens: 3, outputTokens: 2 },
        model: 'm',
        callId: 'c',
        cached: true,
      }),
    };
    const cachedCtx = journaledContext({ forwardModel: cachedModel, optimizerModel: cachedModel }, store, {
      prices,
    });
    await cachedCtx.forwardModel.complete(ask('again'));
    expect(store.totals.costUsd).toBe(7);
  });

  it('prices unknown models at 0 and known ones from the default table', async () => {
    const store = { journal: {}, totals: emptyTotals() };
    const priced: ChatModel = {
      label: 'priced',
      simulated: false,
      complete: async () => ({
        text: 'x',
        usage: { inputTokens: 1_000_000, outputTokens: 0 },
        model: 'gpt-4o-mini-2024-07-18',
        callId: 'p',
      }),
    };
    const ctx = journaledContext({ forwardModel: priced, optimizerModel: countingModel() }, store);
    await ctx.forwardModel.complete(ask('a'));
    await ctx.optimizerModel.complete(ask('b'));
    expect(store.totals.costUsd).toBeCloseTo(0.15, 10);
  });
});
