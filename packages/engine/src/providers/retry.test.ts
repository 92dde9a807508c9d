import { APIConnectionError, APIError } from 'openai';
import { classifyFailure, ProviderError } from './errors';
import { createConcurrencyLimiter } from './limits';
import { backoffDelayMs, type RetryOptions, withRetries } from './retry';
import type { ChatModel, ChatRequest, ChatResponse } from './types';

const ok: ChatResponse = { text: 'fine', usage: { inputTokens: 1, outputTokens: 1 }, model: 'm', callId: '' };
const apiError = (status: number, message: string, headers: Record<string, string> = {}) =>
  APIError.generate(status, { error: { message } }, message, new Headers(headers));

/** A model that throws the scripted errors in turn, then answers. */
function scripted(errors: unknown[]): ChatModel & { calls: number } {
  const model = {
    label: 'scripted',
    simulated: true,
    calls: 0,
    async complete(_request: ChatRequest) {
      const error = errors[model.calls++];
      if (error !== undefined) throw error;
      return ok;
    },
  };
  return model;
}

function setup(options: RetryOptions = {}) {
  const sleeps: number[] = [];
  return {
    sleeps,
    options: {
      random: () => 0.5,
      sleep: async (ms: number) => {
        sleeps.push(ms);
      },
      ...options,
    } satisfies RetryOptions,
  };
}

async function rejection(promise: Promise<unknown>): Promise<ProviderError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ProviderError);
  return err as ProviderError;
}

describe('retries', () => {
  it('retries 5xx, dropped connections and truncated bodies, reporting the attempts', async () => {
    const { sleeps, options } = setup();
    const model = scripted([
      apiError(500, 'boom'),
      new APIConnectionError({ message: 'Connection error.' }),
      new TypeError('terminated'),
    ]);
    const response = await withRetries(model, options).complete({ messages: [] });
    expect(response.attempts).toBe(4);
    // Full jitter with random() = 0.5: half of 500, 1000, 2000.
    expect(sleeps).toEqual([250, 500, 1000]);
  });

  it('waits exactly the Retry-After of a 429 (seconds or ms header)', async () => {
    const { sleeps, options } = setup();
    const model = scripted([
      apiError(429, 'slow down', { 'retry-after': '2' }),
      apiError(429, 'x', { 'retry-after-ms': '120' }),
    ]);
    expect((await withRetries(model, options).complete({ messages: [] })).attempts).toBe(3);
    expect(sleeps).toEqual([2000, 120]);
  });

  it('gives up at once when Retry-After asks for more than maxRetryAfterMs', async () => {
    const { sleeps, options } = setup({ maxRetryAfterMs: 5000 });
    const model = scripted([apiError(429, 'come back tomorrow', { 'retry-after': '86400' })]);
    const err = await rejection(withRetries(model, options).complete({ messages: [] }));
    expect(err).toMatchObject({ kind: 'rate-limit', status: 429, attempts: 1 });
    expect(err.message).toContain('come back tomorrow');
    expect(sleeps).toEqual([]);
  });

  it.each([
    [400, 'bad-request'],
    [401, 'auth'],
    [403, 'forbidden'],
    [404, 'not-found'],
  ])('fails fast on %i with the server message', async (status, kind) => {
    const { sleeps, options } = setup();
    const model = scripted([apiError(status, `server says ${status}`)]);
    const err = await rejection(withRetries(model, options).complete({ messages: [] }));
    expect(err).toMatchObject({ kind, status, attempts: 1, serverMessage: `server says ${status}` });
    expect(err.message).toContain(`server says ${status}`);
    expect(model.calls).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it('stops after maxAttempts with the last failure diagnosed', async () => {
    const { options } = setup({ maxAttempts: 3 });
    const model = scripted(Array.from({ length: 5 }, () => apiError(503, 'overloaded')));
    const err = await rejection(withRetries(model, options).complete({ messages: [] }));
    expect(err).toMatchObject({ kind: 'server', status: 503, attempts: 3 });
    expect(err.message).toContain('after 3 attempts');
    expect(model.calls).toBe(3);
  });

  it('times out an attempt that never answers and retries it', async () => {
    let calls = 0;
    const hanging: ChatModel = {
      label: 'hang',
      simulated: true,
      complete: (request) =>
        new Promise((resolve, reject) => {
          calls++;
          if (calls === 2) resolve(ok);
          request.signal?.addEventListener('abort', () => reject(request.signal?.reason));
        }),
    };
    const retries: string[] = [];
    const { options } = setup({ attemptTimeoutMs: 10, onRetry: (e) => retries.push(e.failure.kind) });
    expect((await withRetries(hanging, options).complete({ messages: [] })).attempts).toBe(2);
    expect(retries).toEqual(['timeout']);
  });

  it('stops waiting when the caller aborts during the backoff', async () => {
    const controller = new AbortController();
    const model = scripted([apiError(500, 'boom'), apiError(500, 'boom')]);
    const options: RetryOptions = {
      sleep: (_ms, signal) =>
        new Promise((_resolve, reject) => {
          signal?.addEventListener('abort', () => reject(signal.reason));
          controller.abort();
        }),
    };
    const err = await rejection(
      withRetries(model, options).complete({ messages: [], signal: controller.signal }),
    );
    expect(err).toMatchObject({ kind: 'aborted', attempts: 1 });
    expect(model.calls).toBe(1);
  });

  it('holds a limiter slot during each attempt but not during the backoff', async () => {
    const limiter = createConcurrencyLimiter(1);
    const activeWhileSleeping: number[] = [];
    const model = scripted([apiError(500, 'boom')]);
    const options: RetryOptions = {
      limiter,
      sleep: async () => {
        activeWhileSleeping.push(limiter.active);
      },
    };
    await withRetries(model, options).complete({ messages: [] });
    expect(activeWhileSleeping).toEqual([0]);
    expect(limiter.active).toBe(0);
  });
});

describe('backoff delay', () => {
  it('grows exponentially under full jitter and is capped', () => {
    const failure = classifyFailure(apiError(500, 'x'));
    const top = () => 0.999999;
    expect(backoffDelayMs(1, failure, {}, top)).toBe(499);
    expect(backoffDelayMs(3, failure, {}, top)).toBe(1999);
    expect(backoffDelayMs(20, failure, { maxDelayMs: 8000 }, top)).toBe(7999);
    expect(backoffDelayMs(3, failure, {}, () => 0)).toBe(0);
  });
});
