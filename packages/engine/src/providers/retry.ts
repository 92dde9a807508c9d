/**
 * Retries with exponential backoff and full jitter, honouring the server's Retry-After on 429.
 * Each attempt takes a slot of the endpoint's limiter (so backoff waits do not hold one) and has
 * its own timeout, which starts only once the slot is held: time spent queueing is not the
 * server's fault. Failures that another attempt cannot fix (400, 401, 403, 404) fail at once.
 */
import { type DiagnoseContext, toProviderError } from './diagnose';
import { AttemptTimeoutError, classifyFailure, type Failure, ProviderError } from './errors';
import type { ConcurrencyLimiter, Release } from './limits';
import { AttemptLink, abortReason, requestForAttempt } from './signals';
import { realSleep, type Sleep } from './sleep';
import type { ChatModel, ChatRequest, ChatResponse } from './types';

export interface RetryOptions {
  /** Attempts in total, first one included (default 4). */
  maxAttempts?: number;
  /** Backoff ceiling before the first retry; doubles each retry (default 500 ms). */
  baseDelayMs?: number;
  /** Largest backoff ceiling (default 20 s). */
  maxDelayMs?: number;
  /** A longer Retry-After than this fails the call instead of waiting (default 60 s). */
  maxRetryAfterMs?: number;
  /** Per-attempt time limit in ms; 0 or absent means none. */
  attemptTimeoutMs?: number;
  /** Uniform [0, 1) source for jitter; pass a seeded one for reproducible tests. */
  random?: () => number;
  sleep?: Sleep;
  now?: () => number;
  /** Slot to hold during each attempt. */
  limiter?: ConcurrencyLimiter;
  /** Where calls go, for the diagnosis sentence of the final error. */
  endpoint?: DiagnoseContext;
  /** Told before every wait between attempts. */
  onRetry?: (event: RetryEvent) => void;
}

export interface RetryEvent {
  /** The attempt that just failed (1-based). */
  attempt: number;
  failure: Failure;
  delayMs: number;
}

const DEFAULTS = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 20_000, maxRetryAfterMs: 60_000 };

/**
 * Delay before the retry that follows failed attempt `attempt`: the server's Retry-After when it
 * gave one, otherwise full jitter, uniform in [0, min(maxDelay, base * 2^(attempt-1))).
 * Undefined when the server asks for a longer wait than `maxRetryAfterMs`.
 */
export function backoffDelayMs(
  attempt: number,
  failure: Failure,
  options: RetryOptions = {},
  random: () => number = Math.random,
): number | undefined {
  const o = { ...DEFAULTS, ...options };
  if (failure.retryAfterMs !== undefined) {
    return failure.retryAfterMs > o.maxRetryAfterMs ? undefined : failure.retryAfterMs;
  }
  const ceiling = Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

/** Wraps a model with retries; the answer carries `attempts`, a final failure is a {@link ProviderError}. */
export function withRetries(model: ChatModel, options: RetryOptions = {}): ChatModel {
  const maxAttempts = Math.max(1, options.maxAttempts ?? DEFAULTS.maxAttempts);
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const context = (attempts: number) => ({
    ...options.endpoint,
    attempts,
    ...(options.attemptTimeoutMs ? { timeoutMs: options.attemptTimeoutMs } : {}),
  });

  async function complete(request: ChatRequest): Promise<ChatResponse> {
    const signal = request.signal;
    for (let attempt = 1; ; attempt++) {
      const outcome = await runAttempt(model, request, options, now);
      if (outcome.ok) return { ...outcome.response, attempts: attempt };
      if (signal?.aborted) throw aborted(signal, attempt);
      const { failure, error } = outcome;
      if (!failure.retryable || attempt >= maxAttempts) throw toProviderError(error, context(attempt));
      const delayMs = backoffDelayMs(attempt, failure, options, random);
      if (delayMs === undefined) throw toProviderError(error, context(attempt));
      options.onRetry?.({ attempt, failure, delayMs });
      try {
        await sleep(delayMs, signal);
      } catch {
        throw aborted(signal, attempt);
      }
    }
  }

  return { label: model.label, simulated: model.simulated, complete };
}

type Outcome = { ok: true; response: ChatResponse } | { ok: false; failure: Failure; error: unknown };

async function runAttempt(
  model: ChatModel,
  request: ChatRequest,
  options: RetryOptions,
  now: () => number,
): Promise<Outcome> {
  const signal = request.signal;
  let release: Release | undefined;
  try {
    release = await options.limiter?.acquire(signal, request.priority);
  } catch (error) {
    return { ok: false, failure: classifyFailure(error), error };
  }
  // The attempt's own cancellation: the run's signal and its timer abort it (signals.ts).
  const link = new AttemptLink(signal);
  const timeoutMs = options.attemptTimeoutMs ?? 0;
  const timer =
    timeoutMs > 0 ? setTimeout(() => link.abort(new AttemptTimeoutError(timeoutMs)), timeoutMs) : undefined;
  try {
    const response = await model.complete(requestForAttempt(model, request, link));
    return { ok: true, response };
  } catch (thrown) {
    // When our own timer fired, the SDK reports a plain abort: the timeout is the real cause.
    const reason: unknown = link.reason;
    const error = reason instanceof AttemptTimeoutError ? reason : thrown;
    return { ok: false, failure: classifyFailure(error, now()), error };
  } finally {
    clearTimeout(timer);
    link.release();
    release?.();
  }
}

function aborted(signal: AbortSignal | undefined, attempts: number): ProviderError {
  return new ProviderError({
    kind: 'aborted',
    message: 'The call was cancelled.',
    attempts,
    cause: signal ? abortReason(signal) : undefined,
  });
}
