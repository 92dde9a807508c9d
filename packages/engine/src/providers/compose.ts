/**
 * The one place that decides the order of the wrappers around a base model:
 *
 *   records -> cache -> retries (each attempt: limiter slot, then timeout) -> base
 *
 * Records are outermost so a cache hit and a final failure are recorded too, with the total
 * latency; the cache sits outside the retries so a hit never touches the endpoint or a slot;
 * the limiter is taken per attempt so backoff waits do not hold a slot.
 */
import { type PriceTable, withCallRecords } from './accounting';
import { type CacheMode, type ResponseCache, withCache } from './cache';
import { type DiagnoseContext, detectBrowser, toProviderError } from './diagnose';
import { ProviderError } from './errors';
import { type ConcurrencyLimiter, createConcurrencyLimiter } from './limits';
import { type RetryOptions, withRetries } from './retry';
import type { CallRecorder, ChatModel, ChatRequest, ChatResponse } from './types';

export interface ProviderOptions {
  base: ChatModel;
  /** Model name for records, cache keys and prices when a request names none. */
  model?: string;
  /** A shared per-endpoint limiter, or a number to create a private one. No limit when absent. */
  concurrency?: number | ConcurrencyLimiter;
  /** Retry policy; `{ maxAttempts: 1 }` disables retries. */
  retry?: Omit<RetryOptions, 'limiter' | 'endpoint'>;
  cache?: ResponseCache | { cache: ResponseCache; mode?: CacheMode };
  /**
   * What the base model adds to every request it sends (structured outputs on or off, a default
   * temperature or token limit): part of the cache key, so endpoints that send different bodies
   * for one request never share a cached answer.
   */
  cacheParams?: Readonly<Record<string, unknown>>;
  prices?: PriceTable;
  recorder?: CallRecorder;
  /** Where calls go, for diagnosis sentences; `inBrowser` is detected when absent. */
  endpoint?: DiagnoseContext;
  now?: () => number;
  newCallId?: () => string;
}

/**
 * Wraps `base` with limits, retries, cache and accounting. Every call gets a `callId` and a
 * record; every failure is a {@link ProviderError} with `kind`, `status`, `attempts` and a
 * diagnosis sentence as its message.
 */
export function createProvider(options: ProviderOptions): ChatModel {
  const defaultModel = options.model ?? options.base.label;
  const limiter =
    typeof options.concurrency === 'number'
      ? createConcurrencyLimiter(options.concurrency)
      : options.concurrency;
  const endpoint: DiagnoseContext = {
    inBrowser: detectBrowser(),
    ...options.endpoint,
    ...(options.model ? { model: options.model } : {}),
  };
  let model = withRetries(options.base, {
    ...options.retry,
    ...(limiter ? { limiter } : {}),
    endpoint,
  });
  if (options.cache) {
    const { cache, mode } =
      'cache' in options.cache ? options.cache : { cache: options.cache, mode: undefined };
    model = withCache(model, {
      cache,
      defaultModel,
      ...(mode ? { mode } : {}),
      ...(options.cacheParams ? { endpointParams: options.cacheParams } : {}),
    });
    // withRetries ends every failure as a ProviderError; a cache's own failures would not be one.
    model = withProviderErrors(model, endpoint);
  }
  return withCallRecords(model, {
    defaultModel,
    ...(options.recorder ? { recorder: options.recorder } : {}),
    ...(options.prices ? { prices: options.prices } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.newCallId ? { newCallId: options.newCallId } : {}),
  });
}

/** A failing cache's error still leaves as a ProviderError (one async layer, so only around a cache). */
function withProviderErrors(model: ChatModel, endpoint: DiagnoseContext): ChatModel {
  return {
    label: model.label,
    simulated: model.simulated,
    async complete(request: ChatRequest): Promise<ChatResponse> {
      try {
        return await model.complete(request);
      } catch (err) {
        if (err instanceof ProviderError) throw err;
        throw toProviderError(err, {
          ...endpoint,
          ...(request.model ? { model: request.model } : {}),
          attempts: 1,
        });
      }
    },
  };
}
