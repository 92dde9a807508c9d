/**
 * A concurrency limit per endpoint: at most `limit` calls in flight; the rest wait, and a freed
 * slot goes to the waiter of highest priority, in arrival order among equals (plain FIFO when no
 * caller gives a priority). A call of negative priority (work started ahead of need) never takes a
 * free slot at once: it queues, and free slots are handed out a task later, once the calls begun
 * in the same turn have asked too, so early work cannot take the slot of a call being prepared
 * for the unit a session is waiting on. A waiter whose signal aborts leaves the queue at once, so
 * a cancelled run never holds a slot.
 */

/** Gives back a slot; calling it twice is harmless. */
export type Release = () => void;

export interface ConcurrencyLimiter {
  readonly limit: number;
  /** Calls holding a slot right now. */
  readonly active: number;
  /** Calls waiting for a slot right now. */
  readonly waiting: number;
  /**
   * Resolves with a release function once a slot is free; rejects with the signal's reason on
   * abort. `priority` is read whenever a slot frees while the caller waits (see ChatRequest).
   */
  acquire(signal?: AbortSignal, priority?: () => number): Promise<Release>;
}

interface Waiter {
  grant: (release: Release) => void;
  priority?: () => number;
}

/** The waiter a freed slot goes to: highest priority, the earliest among equals. */
function takeNext(queue: Waiter[]): Waiter | undefined {
  let best = -1;
  let bestPriority = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < queue.length; i++) {
    const priority = queue[i]?.priority?.() ?? 0;
    if (priority > bestPriority) {
      best = i;
      bestPriority = priority;
    }
  }
  return best < 0 ? undefined : queue.splice(best, 1)[0];
}

/** Creates a limiter allowing `limit` (>= 1) concurrent holders (FIFO unless callers give priorities). */
export function createConcurrencyLimiter(limit: number): ConcurrencyLimiter {
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`concurrency limit must be an integer >= 1, got ${limit}`);
  let active = 0;
  const queue: Waiter[] = [];
  let grantScheduled = false;

  /** Hands every free slot to the best waiters (run a task after a negative-priority call asked). */
  function grantFreeSlots(): void {
    grantScheduled = false;
    while (active < limit) {
      const next = takeNext(queue);
      if (!next) return;
      active++;
      next.grant(makeRelease());
    }
  }

  function makeRelease(): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = takeNext(queue);
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
    acquire(signal, priority) {
      if (signal?.aborted) return Promise.reject(abortReason(signal));
      const later = priority !== undefined && priority() < 0;
      if (active < limit && !later) {
        active++;
        return Promise.resolve(makeRelease());
      }
      if (later && active < limit && !grantScheduled) {
        grantScheduled = true;
        setTimeout(grantFreeSlots, 0);
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
          ...(priority ? { priority } : {}),
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

/** The signal's reason as an Error (an AbortError when the reason is not one). */
export function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason;
  const error = new Error(typeof reason === 'string' ? reason : 'The operation was aborted.');
  error.name = 'AbortError';
  return error;
}
