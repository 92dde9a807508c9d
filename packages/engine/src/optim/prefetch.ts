import { type RunContext, withWrappedModels } from '../context';
import type { ChatModel, ChatRequest, ChatResponse } from '../providers/types';
import { hashRequest } from './journal';

/**
 * Answers fetched ahead of the unit that will ask for them. A session starts the calls of units
 * whose inputs are already final (see `units/lookahead.ts`) while an earlier unit runs; when the
 * later unit asks for the same `callKey` with the same request, it gets the answer already in
 * flight instead of a second call. Calls still in flight are not part of the session state: a
 * process that dies loses them and the units call again; settled answers go to `onAnswer` (the
 * session journals them, so a checkpoint keeps them).
 */
export interface PrefetchStore {
  /**
   * A context for `owner` (a unit name) whose keyed calls are started now and kept for the unit
   * that will consume them. Once `retire(owner)` has been called it starts no new call (it rejects
   * instead): from then on the unit makes its own calls, and a second copy would be wasted.
   * Its calls wait for a limiter slot at `priority` (below the running unit's 0, so early work
   * never delays the unit the session is waiting for) until the owner retires, then at 0.
   */
  speculative(owner: string, priority?: number): RunContext;
  /**
   * The unit `owner` has started for real: its early run stops before its next call, and its
   * calls still waiting for a slot now wait as the running unit's own.
   */
  retire(owner: string): void;
  /** A context that serves kept answers (same key, same request) and calls the model otherwise. */
  readonly serving: RunContext;
  /** Calls started ahead and not consumed yet. */
  pending(): number;
  /** Prefetched calls whose key was later asked with a different request (wasted work). */
  mismatches(): number;
  /** Forgets every kept answer (between iterations, or when the session is dropped). */
  clear(): void;
}

/**
 * Builds a {@link PrefetchStore} over `ctx`'s models. Consuming is by `meta.callKey` and the
 * journal's request fingerprint, so a unit whose inputs changed after its calls were started never
 * sees a stale answer: it calls the model itself and the prefetched call counts as a mismatch.
 */
export function createPrefetchStore(
  ctx: RunContext,
  options: {
    /** Called when an early call settles with an answer (the session journals it there). */
    onAnswer?: (callKey: string, requestHash: string, response: ChatResponse) => void;
    /** An answer already held elsewhere (the session's journal): an early call for it is not sent. */
    lookup?: (callKey: string, requestHash: string) => ChatResponse | undefined;
  } = {},
): PrefetchStore {
  const kept = new Map<string, { requestHash: string; answer: Promise<ChatResponse> }>();
  const retired = new Set<string>();
  let mismatched = 0;

  const speculativeModel = (model: ChatModel, owner: string, priority: number): ChatModel => ({
    label: model.label,
    simulated: model.simulated,
    complete(request: ChatRequest): Promise<ChatResponse> {
      if (retired.has(owner))
        return Promise.reject(new Error(`early calls of "${owner}" stopped: it runs now`));
      const key = request.meta?.callKey;
      // Only keyed calls can be matched to the unit that needs them.
      if (key === undefined) return Promise.reject(new Error('an early call needs a callKey'));
      const requestHash = hashRequest(request);
      const existing = kept.get(key);
      if (existing && existing.requestHash === requestHash) return existing.answer;
      const held = options.lookup?.(key, requestHash);
      if (held) return Promise.resolve(held);
      const answer = model.complete({
        ...request,
        priority: () => (retired.has(owner) ? 0 : priority),
      });
      answer.then(
        (response) => {
          // Settled: from now on the journal holds it (and a checkpoint with it).
          if (!options.onAnswer || kept.get(key)?.answer !== answer) return;
          kept.delete(key);
          options.onAnswer(key, requestHash, response);
        },
        // A failed prefetch is not an answer: the unit will make the call itself.
        () => {
          if (kept.get(key)?.answer === answer) kept.delete(key);
        },
      );
      kept.set(key, { requestHash, answer });
      return answer;
    },
  });

  const servingModel = (model: ChatModel): ChatModel => ({
    label: model.label,
    simulated: model.simulated,
    async complete(request: ChatRequest): Promise<ChatResponse> {
      const key = request.meta?.callKey;
      const entry = key === undefined ? undefined : kept.get(key);
      if (key === undefined || entry === undefined) return model.complete(request);
      kept.delete(key);
      if (entry.requestHash !== hashRequest(request)) {
        mismatched += 1;
        return model.complete(request);
      }
      try {
        return await entry.answer;
      } catch {
        return model.complete(request);
      }
    },
  });

  return {
    speculative: (owner, priority = -1) =>
      withWrappedModels(ctx, (model) => speculativeModel(model, owner, priority)),
    retire: (owner) => {
      retired.add(owner);
    },
    serving: withWrappedModels(ctx, servingModel),
    pending: () => kept.size,
    mismatches: () => mismatched,
    clear: () => {
      kept.clear();
      retired.clear();
    },
  };
}
