import type { ChatModel, ChatRequest, ChatResponse } from '../providers/types';
import { createPrefetchStore } from './prefetch';

/** A model that answers every call with its own sequence number and counts the calls it got. */
function countingModel(options: { failFirst?: boolean } = {}) {
  const calls: ChatRequest[] = [];
  const model: ChatModel = {
    label: 'counting',
    simulated: true,
    async complete(request): Promise<ChatResponse> {
      calls.push(request);
      if (options.failFirst && calls.length === 1) throw new Error('transient');
      return {
        text: `answer ${calls.length}`,
        usage: { inputTokens: 1, outputTokens: 1 },
        model: 'm',
        callId: `c${calls.length}`,
      };
    },
  };
  return { model, calls };
}

const request = (key: string | undefined, content = 'hello'): ChatRequest => ({
  messages: [{ role: 'user', content }],
  ...(key === undefined ? {} : { meta: { purpose: 'update', callKey: key } }),
});

describe('createPrefetchStore', () => {
  it('serves a call started early to the unit that asks for it, without a second call', async () => {
    const { model, calls } = countingModel();
    const store = createPrefetchStore({ forwardModel: model, optimizerModel: model });
    const early = store.speculative('update:b').optimizerModel.complete(request('it1/upd/b'));
    expect(store.pending()).toBe(1);
    const served = await store.serving.optimizerModel.complete(request('it1/upd/b'));
    expect(served.text).toBe((await early).text);
    expect(calls).toHaveLength(1);
    expect(store.pending()).toBe(0);
    expect(store.mismatches()).toBe(0);
  });

  it('lets early calls wait below the running unit until their owner runs', async () => {
    const { model, calls } = countingModel();
    const store = createPrefetchStore({ forwardModel: model, optimizerModel: model });
    const early = store.speculative('update:b', -2).optimizerModel.complete(request('it1/upd/b'));
    const sibling = store.speculative('backward:c').optimizerModel.complete(request('it1/bwd/c'));
    expect(calls.map((c) => c.priority?.())).toEqual([-2, -1]);
    store.retire('update:b');
    expect(calls.map((c) => c.priority?.())).toEqual([0, -1]);
    await Promise.all([early, sibling]);
  });

  it('calls again, and counts a mismatch, when the unit asks the same key with another request', async () => {
    const { model, calls } = countingModel();
    const store = createPrefetchStore({ forwardModel: model, optimizerModel: model });
    await store.speculative('update:b').optimizerModel.complete(request('it1/upd/b', 'old inputs'));
    const served = await store.serving.optimizerModel.complete(request('it1/upd/b', 'new inputs'));
    expect(served.text).toBe('answer 2');
    expect(calls.map((c) => c.messages[0]?.content)).toEqual(['old inputs', 'new inputs']);
    expect(store.mismatches()).toBe(1);
  });

  it('makes the call itself when the early call failed', async () => {
    const { model, calls } = countingModel({ failFirst: true });
    const store = createPrefetchStore({ forwardModel: model, optimizerModel: model });
    await expect(store.speculative('update:b').optimizerModel.complete(request('k'))).rejects.toThrow(
      'transient',
    );
    const served = await store.serving.optimizerModel.complete(request('k'));
    expect(served.text).toBe('answer 2');
    expect(calls).toHaveLength(2);
  });

  it('starts no new call for a retired unit, and none without a call key', async () => {
    const { model, calls } = countingModel();
    const store = createPrefetchStore({ forwardModel: model, optimizerModel: model });
    const early = store.speculative('update:b');
    store.retire('update:b');
    await expect(early.optimizerModel.complete(request('k'))).rejects.toThrow('runs now');
    await expect(store.speculative('update:c').optimizerModel.complete(request(undefined))).rejects.toThrow(
      'callKey',
    );
    expect(calls).toHaveLength(0);
  });

  it('passes calls it has nothing for straight to the model, and forgets everything on clear', async () => {
    const { model, calls } = countingModel();
    const store = createPrefetchStore({ forwardModel: model, optimizerModel: model });
    await store.speculative('update:b').optimizerModel.complete(request('k'));
    store.clear();
    expect(store.pending()).toBe(0);
    await store.serving.optimizerModel.complete(request('k'));
    await store.serving.forwardModel.complete(request(undefined));
    expect(calls).toHaveLength(3);
  });

  it('hands a settled early answer to onAnswer, and sends no early call for an answer already held', async () => {
    const { model, calls } = countingModel();
    const journaled: string[] = [];
    const store = createPrefetchStore(
      { forwardModel: model, optimizerModel: model },
      {
        onAnswer: (key, _hash, response) => journaled.push(`${key}=${response.text}`),
        lookup: (key) =>
          key === 'held'
            ? {
                text: 'from the journal',
                usage: { inputTokens: 0, outputTokens: 0 },
                model: 'm',
                callId: 'j',
              }
            : undefined,
      },
    );
    await store.speculative('update:b').optimizerModel.complete(request('fresh'));
    // Settled and handed over: the store no longer keeps it (the journal does).
    expect(journaled).toEqual(['fresh=answer 1']);
    expect(store.pending()).toBe(0);
    const held = await store.speculative('update:c').optimizerModel.complete(request('held'));
    expect(held.text).toBe('from the journal');
    expect(calls).toHaveLength(1);
  });
});
