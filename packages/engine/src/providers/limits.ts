/**
 * A concurrency limit per endpoint: at most `limit` calls in flight; the rest wait, and a freed
 * slot goes to the waiter of highest priority, in arrival order among equals (plain FIFO when no
 * caller gives a priority). A call of negative priority (work started ahead of need) never takes a
 * free slot at once: it queues, and free slots are handed out a task later, once the calls begun
 * in the same turn have asked too, so early work cannot take the slot of a call being prepared
 * for the unit a session is waiting on. A waiter whose signal aborts leaves the queue at once, so
 * a cancelled run never holds a slot.
 */

import { abortReason, watchAbort } from './signals';

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
  /** Arrival order: the earliest wins among waiters of equal priority. */
  seq: number;
  /** Set when the waiter's signal aborted while it sat in the plain queue (removed lazily). */
  gone?: boolean;
}

/**
 * The waiting calls. Calls without a priority (every forward call) wait in a plain FIFO that
 * gives its head in O(1); only calls with a priority function are scanned when a slot frees. A
 * forward pass over thousands of examples queues thousands of calls, and scanning them all on
 * every release cost more CPU than the rest of the engine's per-call work.
 */
function createWaitQueue() {
  const plain: Waiter[] = [];
  let head = 0;
  const ranked: Waiter[] = [];
  let size = 0;
  let seq = 0;

  /** The plain queue's earliest waiter still waiting. */
  function plainHead(): Waiter | undefined {
    while (head < plain.length && plain[head]?.gone) head++;
    // Drop the consumed prefix now and then so the array does not grow with every call ever made.
    if (head > 1024 && head * 2 > plain.length) {
      plain.splice(0, head);
      head = 0;
    }
    return plain[head];
  }

  return {
    get size() {
      return size;
    },
    push(grant: Waiter['grant'], priority?: () => number): Waiter {
      const waiter: Waiter = { grant, seq: seq++, ...(priority ? { priority } : {}) };
      (priority ? ranked : plain).push(waiter);
      size++;
      return waiter;
    },
    remove(waiter: Waiter): void {
      if (waiter.priority) {
        const index = ranked.indexOf(waiter);
        if (index < 0) return;
        ranked.splice(index, 1);
      } else {
        if (waiter.gone || plain.indexOf(waiter, head) < 0) return;
        waiter.gone = true;
      }
      size--;
    },
    /** Takes the waiter a freed slot goes to: highest priority, the earliest among equals. */
    take(): Waiter | undefined {
      const first = plainHead();
      let best = -1;
      let bestPriority = first ? 0 : Number.NEGATIVE_INFINITY;
      let bestSeq = first ? first.seq : Number.POSITIVE_INFINITY;
      for (let i = 0; i < ranked.length; i++) {
        const waiter = ranked[i] as Waiter;
        const priority = waiter.priority?.() ?? 0;
        if (priority > bestPriority || (priority === bestPriority && waiter.seq < bestSeq)) {
          best = i;
          bestPriority = priority;
          bestSeq = waiter.seq;
        }
      }
      let next: Waiter | undefined;
      if (best >= 0) next = ranked.splice(best, 1)[0];
      else if (first) {
        next = first;
        head++;
      }
      if (next) size--;
      return next;
    },
  };
}

/** Creates a limiter allowing `limit` (>= 1) concurrent holders (FIFO unless callers give priorities). */
export function createConcurrencyLimiter(limit: number): ConcurrencyLimiter {
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`concurrency limit must be an integer >= 1, got ${limit}`);
  let active = 0;
  const queue = createWaitQueue();
  let grantScheduled = false;

  /** Hands every free slot to the best waiters (run a task after a negative-priority call asked). */
  function grantFreeSlots(): void {
    grantScheduled = false;
    while (active < limit) {
      const next = queue.take();
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
      const next = queue.take();
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
      return queue.size;
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
        let unwatch: (() => void) | undefined;
        const waiter = queue.push((release) => {
          unwatch?.();
          resolve(release);
        }, priority);
        if (signal)
          unwatch = watchAbort(signal, () => {
            queue.remove(waiter);
            reject(abortReason(signal));
          });
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
