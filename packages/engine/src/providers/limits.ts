/**
 * A concurrency limit per endpoint: at most `limit` calls in flight, the rest wait in FIFO order.
 * A waiter whose signal aborts leaves the queue at once, so a cancelled run never holds a slot.
 */
import type { ChatModel, ChatRequest, ChatResponse } from './types';

/** Gives back a slot; calling it twice is harmless. */
export type Release = () => void;

export interface ConcurrencyLimiter {
  readonly limit: number;
  /** Calls holding a slot right now. */
  readonly active: number;
  /** Calls waiting for a slot right now. */
  readonly waiting: number;
  /** Resolves with a release function once a slot is free; rejects with the signal's reason on abort. */
  acquire(signal?: AbortSignal): Promise<Release>;
}

interface Waiter {
  grant: (release: Release) => void;
}

/** Creates a FIFO limiter allowing `limit` (>= 1) concurrent holders. */
export function createConcurrencyLimiter(limit: number): ConcurrencyLimiter {
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`concurrency limit must be an integer >= 1, got ${limit}`);
  let active = 0;
  const queue: Waiter[] = [];

  function makeRelease(): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = queue.shift();
      // Hand the slot straight to the next waiter so `active` never dips and nobody can overtake it.
      if (next) next.grant(makeRelease());
      else active--;
    };
  }

  return {
    limit,
    get active() {
      return active;
    },
    get waiting() {
      return queue.length;
    },
    acquire(signal) {
      if (signal?.aborted) return Promise.reject(abortReason(signal));
      if (active < limit) {
        active++;
        return Promise.resolve(makeRelease());
      }
      return new Promise<Release>((resolve, reject) => {
        const onAbort = () => {
          const index = queue.indexOf(waiter);
          if (index >= 0) queue.splice(index, 1);
          reject(abortReason(signal as AbortSignal));
        };
        const waiter: Waiter = {
          grant: (release) => {
            signal?.removeEventListener('abort', onAbort);
            resolve(release);
          },
        };
        queue.push(waiter);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
  };
}

/** One limiter per endpoint (base URL), created on first use; pass it in the run context. */
export interface EndpointLimiters {
  forEndpoint(baseURL: string, limit?: number): ConcurrencyLimiter;
}

/** Creates the per-endpoint limiter registry with a default limit for endpoints not seen yet. */
export function createEndpointLimiters(defaultLimit: number): EndpointLimiters {
  const byEndpoint = new Map<string, ConcurrencyLimiter>();
  return {
    forEndpoint(baseURL, limit = defaultLimit) {
      const key = baseURL.replace(/\/+$/, '');
      let limiter = byEndpoint.get(key);
      if (!limiter) {
        limiter = createConcurrencyLimiter(limit);
        byEndpoint.set(key, limiter);
      }
      return limiter;
    },
  };
}

/** Wraps a model so every call holds a slot of `limiter` for its whole duration. */
export function withConcurrencyLimit(model: ChatModel, limiter: ConcurrencyLimiter): ChatModel {
  return {
    label: model.label,
    simulated: model.simulated,
    async complete(request: ChatRequest): Promise<ChatResponse> {
      const release = await limiter.acquire(request.signal);
      try {
        return await model.complete(request);
      } finally {
        release();
      }
    },
  };
}

/** The signal's reason as an Error (an AbortError when the reason is not one). */
export function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason;
  const error = new Error(typeof reason === 'string' ? reason : 'The operation was aborted.');
  error.name = 'AbortError';
  return error;
}
