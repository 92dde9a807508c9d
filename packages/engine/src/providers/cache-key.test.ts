import { cacheKeyOf, createMemoryCache, withCache } from './cache';
import { createOpenAIProvider } from './openai-provider';
import { countingModel } from './test-support/counting-model';
import type { AnswerFormat, ChatRequest } from './types';

const format: AnswerFormat = {
  name: 'answer',
  schema: { type: 'object', properties: { prompt: { type: 'string' } }, required: ['prompt'] },
  strict: true,
};
const ask = (extra: Partial<ChatRequest> = {}): ChatRequest => ({
  messages: [{ role: 'user', content: 'q' }],
  temperature: 0,
  ...extra,
});

describe('cache key: every parameter that changes an answer', () => {
  it('keys on the answer schema (response_format): with and without it are two entries', async () => {
    expect(cacheKeyOf(ask({ answerFormat: format }), 'm')).not.toBe(cacheKeyOf(ask(), 'm'));
    const other = { ...format, schema: { type: 'object' } };
    expect(cacheKeyOf(ask({ answerFormat: other }), 'm')).not.toBe(
      cacheKeyOf(ask({ answerFormat: format }), 'm'),
    );
    expect(cacheKeyOf(ask({ answerFormat: { ...format, strict: false } }), 'm')).not.toBe(
      cacheKeyOf(ask({ answerFormat: format }), 'm'),
    );
    // The reader callback is not part of what is sent.
    expect(
      cacheKeyOf(ask({ answerFormat: { ...format, check: () => ({ outcome: 'direct' }) as never } }), 'm'),
    ).toBe(cacheKeyOf(ask({ answerFormat: format }), 'm'));

    const base = countingModel();
    const model = withCache(base, { cache: createMemoryCache(), defaultModel: 'm' });
    await model.complete(ask({ answerFormat: format }));
    const free = await model.complete(ask());
    expect(base.calls).toBe(2);
    expect(free.cached).not.toBe(true);
  });

  it('keys on what the endpoint adds to every request (structured outputs, default temperature, token limit)', () => {
    const key = (params: Record<string, unknown>) => cacheKeyOf(ask(), 'm', params);
    const on = key({ structuredOutputs: true });
    expect(key({ structuredOutputs: false })).not.toBe(on);
    expect(key({ structuredOutputs: true, temperature: 0.7 })).not.toBe(on);
    expect(key({ structuredOutputs: true, maxTokens: 100 })).not.toBe(on);
    expect(key({ structuredOutputs: true, maxTokensField: 'max_completion_tokens' })).not.toBe(on);
    expect(key({ structuredOutputs: true })).toBe(on);
  });

  it('two OpenAI endpoints sharing one cache, one with structured outputs and one without, each ask the server', async () => {
    const bodies: Record<string, unknown>[] = [];
    const fetchFake = (async (_input: RequestInfo | URL, init?: RequestInit) => {
      bodies.push(JSON.parse(String(init?.body)));
      const content = JSON.stringify({ prompt: `p${bodies.length}` });
      return new Response(
        JSON.stringify({
          id: 'c',
          object: 'chat.completion',
          model: 'm',
          choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
          usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
        }),
        { headers: { 'content-type': 'application/json' } },
      );
    }) as typeof fetch;
    const cache = createMemoryCache();
    const endpoint = (structuredOutputs: boolean) =>
      createOpenAIProvider({
        baseURL: 'http://127.0.0.1:9/v1',
        model: 'm',
        structuredOutputs,
        fetch: fetchFake,
        cache,
        retry: { maxAttempts: 1 },
      });
    const structured = endpoint(true);
    const plain = endpoint(false);
    const first = await structured.complete(ask({ answerFormat: format }));
    const second = await plain.complete(ask({ answerFormat: format }));
    expect(bodies).toHaveLength(2);
    expect(bodies[0]?.response_format).toMatchObject({ type: 'json_schema' });
    expect(bodies[1]?.response_format).toBeUndefined();
    expect(second.text).not.toBe(first.text);
    // The same endpoint asked again is served from the cache.
    const again = await structured.complete(ask({ answerFormat: format }));
    expect(bodies).toHaveLength(2);
    expect(again.text).toBe(first.text);
  });
});
