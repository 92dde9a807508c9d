// serve-sim's prompt-prefix cache, end to end through the engine's provider: a long prompt that
// starts like an earlier one reports cached tokens (>= 1024, in steps of 128), priced at the
// cached rate; short or new prompts report none.
import { type CallRecord, createOpenAIProvider } from '@backflow/engine';
import { createPromptCache } from './prompt-cache';
import { startSimServer } from './server';
import { createShoutModel } from './test-support/shout-model';
import type { SimServer } from './types';

const longStatic = `You are a careful reviewer. ${'Follow every rule below exactly. '.repeat(200)}`;

describe('the prompt-prefix cache', () => {
  it('counts whole 128-token steps of a shared prefix of at least 1024 tokens', () => {
    const cache = createPromptCache();
    const system = { role: 'system', content: 'x'.repeat(8000) };
    expect(cache.lookup([system, { role: 'user', content: 'first' }])).toBe(0);
    const hit = cache.lookup([system, { role: 'user', content: 'second' }]);
    expect(hit).toBeGreaterThanOrEqual(1024);
    expect(hit % 128).toBe(0);
    expect(hit * 4).toBeLessThanOrEqual(8000 + 20);
    const short = { role: 'system', content: 'y'.repeat(3000) };
    cache.lookup([short, { role: 'user', content: 'a' }]);
    expect(cache.lookup([short, { role: 'user', content: 'b' }])).toBe(0);
  });

  describe('over HTTP', () => {
    let server: SimServer;
    beforeAll(async () => {
      server = await startSimServer({ model: createShoutModel() });
    });
    afterAll(() => server.close());

    it('reports cached_tokens on a repeated prefix, and the call record prices them at the cached rate', async () => {
      const records: CallRecord[] = [];
      const model = createOpenAIProvider({
        baseURL: server.baseURL,
        model: 'gpt-4o-mini',
        recorder: (r) => records.push(r),
        retry: { maxAttempts: 1 },
      });
      const ask = (question: string) =>
        model.complete({
          messages: [
            { role: 'system', content: longStatic },
            { role: 'user', content: question },
          ],
        });
      const first = await ask('is this fine?');
      const second = await ask('and this one?');
      expect(first.usage.cachedInputTokens ?? 0).toBe(0);
      expect(second.usage.cachedInputTokens).toBeGreaterThanOrEqual(1024);
      const [a, b] = records;
      // Same prompt length, so the cheaper second call is the cache discount.
      expect(b!.costUsd).toBeLessThan(a!.costUsd);
    });
  });
});
