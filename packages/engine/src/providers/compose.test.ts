import { createMemoryCache, type ResponseCache } from './cache';
import { createProvider } from './compose';
import { ProviderError } from './errors';
import type { CallRecord, ChatModel, ChatRequest } from './types';

/** A model whose first call is cut off mid-answer and later calls echo. */
function flaky(): ChatModel & { calls: number } {
  const base = {
    label: 'base',
    simulated: true,
    calls: 0,
    async complete(request: ChatRequest) {
      base.calls++;
      if (base.calls === 1) throw new TypeError('terminated');
      return {
        text: `echo ${request.messages[0]?.content}`,
        usage: { inputTokens: 1, outputTokens: 2 },
        model: 'gpt-4o',
        callId: 'inner',
      };
    },
  };
  return base;
}

describe('createProvider', () => {
  it('composes retries, cache and records: ids, attempts, cached hits and cost', async () => {
    const records: CallRecord[] = [];
    let n = 0;
    const base = flaky();
    const provider = createProvider({
      base,
      model: 'gpt-4o',
      cache: createMemoryCache(),
      concurrency: 2,
      retry: { sleep: async () => {} },
      recorder: (r) => records.push(r),
      newCallId: () => `id${++n}`,
    });
    const ask = { messages: [{ role: 'user' as const, content: 'x' }], temperature: 0 };
    const first = await provider.complete(ask);
    const second = await provider.complete(ask);
    expect([first.callId, second.callId]).toEqual(['id1', 'id2']);
    expect(base.calls).toBe(2);
    expect(records.map((r) => [r.callId, r.attempts, r.cached, r.costUsd > 0])).toEqual([
      ['id1', 2, false, true],
      ['id2', 0, true, false],
    ]);
  });

  it('turns any other failure (here a broken cache) into a recorded ProviderError', async () => {
    const broken: ResponseCache = {
      get: async () => {
        throw new Error('disk full');
      },
      set: async () => {},
    };
    const records: CallRecord[] = [];
    const provider = createProvider({ base: flaky(), cache: broken, recorder: (r) => records.push(r) });
    const err = await provider.complete({ messages: [], temperature: 0 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect(err).toMatchObject({ kind: 'unknown', attempts: 1 });
    expect(records[0]?.error).toContain('disk full');
  });
});
