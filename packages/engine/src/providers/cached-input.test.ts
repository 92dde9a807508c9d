// Provider prompt caching: the cached part of a prompt, as OpenAI reports it in
// `prompt_tokens_details.cached_tokens`, is read into the usage and priced at its own rate.
import { batchPrices, costOf, DEFAULT_PRICES } from './index';
import { createOpenAIProvider } from './openai-provider';
import type { CallRecord } from './types';

function endpointReporting(usage: Record<string, unknown>) {
  return (async () =>
    new Response(
      JSON.stringify({
        id: 'c',
        object: 'chat.completion',
        model: 'gpt-4o-mini',
        choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
        usage,
      }),
      { status: 200, headers: { 'content-type': 'application/json' } },
    )) as typeof fetch;
}

describe('cached input tokens', () => {
  it('reads cached_tokens into the usage and the call record, and prices them at the cached rate', async () => {
    const records: CallRecord[] = [];
    const model = createOpenAIProvider({
      baseURL: 'http://127.0.0.1:9/v1',
      model: 'gpt-4o-mini',
      fetch: endpointReporting({
        prompt_tokens: 2000,
        completion_tokens: 100,
        prompt_tokens_details: { cached_tokens: 1536 },
      }),
      recorder: (r) => records.push(r),
      retry: { maxAttempts: 1 },
    });
    const response = await model.complete({ messages: [{ role: 'user', content: 'hi' }] });
    expect(response.usage).toMatchObject({ inputTokens: 2000, outputTokens: 100, cachedInputTokens: 1536 });
    const [record] = records;
    expect(record!.usage.cachedInputTokens).toBe(1536);
    // 464 uncached at $0.15/M, 1536 cached at $0.075/M, 100 out at $0.60/M.
    expect(record!.costUsd).toBeCloseTo((464 * 0.15 + 1536 * 0.075 + 100 * 0.6) / 1e6, 15);
  });

  it('never counts more cached tokens than the prompt had', async () => {
    const model = createOpenAIProvider({
      baseURL: 'http://127.0.0.1:9/v1',
      model: 'gpt-4o-mini',
      fetch: endpointReporting({
        prompt_tokens: 10,
        completion_tokens: 1,
        prompt_tokens_details: { cached_tokens: 99 },
      }),
      retry: { maxAttempts: 1 },
    });
    const response = await model.complete({ messages: [{ role: 'user', content: 'hi' }] });
    expect(response.usage.cachedInputTokens).toBe(10);
  });

  it('bills cached input in full for a model without a cached rate, and halves it in a batch', () => {
    const usage = { inputTokens: 1000, outputTokens: 0, cachedInputTokens: 1000 };
    expect(costOf('my-model', usage, { 'my-model': { inputPerMTok: 1, outputPerMTok: 2 } })).toBeCloseTo(
      0.001,
      15,
    );
    expect(costOf('gpt-4o', usage)).toBeCloseTo(1000 * 1.25e-6, 15);
    expect(costOf('gpt-4o', usage, batchPrices())).toBeCloseTo((1000 * 1.25e-6) / 2, 15);
    expect(DEFAULT_PRICES['gpt-4o']?.cachedInputPerMTok).toBe(1.25);
  });
});
