/**
 * Fake chat models for tests: no network, no timing assumptions. `echoModel` answers with the
 * user message, `upperModel` with it upper-cased, and `controlledModel` records every request and
 * holds it until the test settles it, so a test can prove in which order calls were issued.
 */
import type { ChatModel, ChatRequest, ChatResponse } from '../../providers/types';

/** A model that answers each request with `answer(request)`; records every request it receives. */
export function fakeModel(
  answer: (request: ChatRequest) => string | Promise<string>,
  label = 'fake',
): ChatModel & { requests: ChatRequest[] } {
  const requests: ChatRequest[] = [];
  let n = 0;
  return {
    label,
    simulated: true,
    requests,
    async complete(request) {
      requests.push(request);
      request.signal?.throwIfAborted();
      const text = await answer(request);
      return response(text, request, `${label}-${++n}`);
    },
  };
}

/** Answers with the last user message verbatim. */
export function echoModel(): ChatModel & { requests: ChatRequest[] } {
  return fakeModel((r) => lastUser(r), 'echo');
}

/** Answers with the last user message in upper case. */
export function upperModel(): ChatModel & { requests: ChatRequest[] } {
  return fakeModel((r) => lastUser(r).toUpperCase(), 'upper');
}

/** A request held by {@link controlledModel} until the test resolves or rejects it. */
export interface PendingCall {
  request: ChatRequest;
  /** `${nodeId}/${exampleId}` from the request's meta. */
  key: string;
  resolve(text: string): void;
  reject(error: Error): void;
  settled: boolean;
}

/** A model whose every call waits for the test; `log` lists "start:key" and "end:key" in order. */
export interface ControlledModel extends ChatModel {
  calls: PendingCall[];
  log: string[];
  /** The call for `${nodeId}/${exampleId}`, waiting until it has been issued. */
  call(key: string): Promise<PendingCall>;
  /** True when a call with this key has been issued. */
  started(key: string): boolean;
}

/** See {@link ControlledModel}. Aborting a request rejects its call with the signal's reason. */
export function controlledModel(): ControlledModel {
  const calls: PendingCall[] = [];
  const log: string[] = [];
  const waiters = new Map<string, ((call: PendingCall) => void)[]>();
  let n = 0;
  return {
    label: 'controlled',
    simulated: true,
    calls,
    log,
    started: (key) => calls.some((c) => c.key === key),
    call(key) {
      const found = calls.find((c) => c.key === key);
      if (found) return Promise.resolve(found);
      return new Promise((resolve) => waiters.set(key, [...(waiters.get(key) ?? []), resolve]));
    },
    complete(request) {
      const key = `${request.meta?.nodeId}/${request.meta?.exampleId}`;
      const callId = `controlled-${++n}`;
      return new Promise<ChatResponse>((resolve, reject) => {
        const call: PendingCall = {
          request,
          key,
          settled: false,
          resolve(text) {
            if (call.settled) return;
            call.settled = true;
            log.push(`end:${key}`);
            resolve(response(text, request, callId));
          },
          reject(error) {
            if (call.settled) return;
            call.settled = true;
            log.push(`fail:${key}`);
            reject(error);
          },
        };
        request.signal?.addEventListener('abort', () => call.reject(request.signal!.reason), { once: true });
        calls.push(call);
        log.push(`start:${key}`);
        for (const wake of waiters.get(key) ?? []) wake(call);
        waiters.delete(key);
      });
    },
  };
}

/** The content of the last user message of a request. */
export function lastUser(request: ChatRequest): string {
  return request.messages.findLast((m) => m.role === 'user')?.content ?? '';
}

function response(text: string, request: ChatRequest, callId: string): ChatResponse {
  const input = request.messages.reduce((sum, m) => sum + m.content.length, 0);
  return {
    text,
    callId,
    model: request.model ?? 'fake-default',
    usage: { inputTokens: Math.ceil(input / 4), outputTokens: Math.ceil(text.length / 4) },
  };
}

/**
 * Wraps a model so at most `limit` calls run at once (first come, first served), like the
 * provider's concurrency limit; `maxInFlight` records the highest number seen.
 */
export function limitedModel(inner: ChatModel, limit: number): ChatModel & { maxInFlight: number } {
  const queue: (() => void)[] = [];
  let inFlight = 0;
  const wrapped = {
    label: `${inner.label} (limit ${limit})`,
    simulated: inner.simulated,
    maxInFlight: 0,
    async complete(request: ChatRequest) {
      if (inFlight >= limit) await new Promise<void>((resolve) => queue.push(resolve));
      inFlight += 1;
      wrapped.maxInFlight = Math.max(wrapped.maxInFlight, inFlight);
      try {
        // A macrotask per call, so calls really overlap instead of settling synchronously.
        await new Promise((resolve) => setTimeout(resolve, 0));
        return await inner.complete(request);
      } finally {
        inFlight -= 1;
        queue.shift()?.();
      }
    },
  };
  return wrapped;
}
