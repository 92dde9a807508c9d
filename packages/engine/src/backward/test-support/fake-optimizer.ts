import type { RunContext } from '../../context';
import { readRequestBlock, toJsonBlock } from '../../prompts/json-block';
import { type TaskPayload, taskPayloadSchema } from '../../prompts/tasks';
import type { ChatModel, ChatRequest, ChatResponse } from '../../providers/types';

/** One request the fake saw, with the payload it carried and the answer it gave. */
export interface RecordedCall {
  request: ChatRequest;
  payload: TaskPayload;
  /** 0 for a first request, 1 for its repair. */
  attempt: number;
  text: string;
  callId: string;
}

/** What a responder returns: an answer object (sent as one json block) or raw text (to break parsing). */
export type FakeAnswer = { raw: string } | Record<string, unknown>;

/** Computes the answer to one request from its payload, like the simulator: no side channel. */
export type Responder = (payload: TaskPayload, call: { attempt: number; request: ChatRequest }) => FakeAnswer;

/** A fake optimizer model that records every request and answers in the json-block format. */
export interface FakeOptimizer extends ChatModel {
  calls: RecordedCall[];
  /** Payloads of first attempts for one task. */
  payloads<T extends TaskPayload['task']>(task: T): Extract<TaskPayload, { task: T }>[];
}

/**
 * Builds a fake optimizer model. It reads the request's payload from its context block (the
 * latest user message that has one, as the simulator does) and validates it against the task schemas, so a
 * meta-prompt that drifts from the contract fails the test that sends it.
 */
export function createFakeOptimizer(responder: Responder): FakeOptimizer {
  const calls: RecordedCall[] = [];
  return {
    label: 'fake optimizer (test)',
    simulated: true,
    calls,
    payloads(task) {
      return calls.filter((c) => c.attempt === 0 && c.payload.task === task).map((c) => c.payload) as Extract<
        TaskPayload,
        { task: typeof task }
      >[];
    },
    async complete(request: ChatRequest): Promise<ChatResponse> {
      const last = request.messages.at(-1);
      if (last?.role !== 'user') throw new Error('fake optimizer: the last message is not a user message');
      const block = readRequestBlock(request.messages) ?? { ok: false, error: 'no context block' };
      if (!block.ok) throw new Error(`fake optimizer: ${block.error}`);
      const payload = taskPayloadSchema.parse(block.value);
      const attempt = request.meta?.purpose === 'repair' ? 1 : 0;
      const answer = responder(payload, { attempt, request });
      const text =
        'raw' in answer && typeof answer.raw === 'string'
          ? answer.raw
          : `Reasoning.\n\n${toJsonBlock(answer)}`;
      const callId = `call-${calls.length + 1}`;
      calls.push({ request, payload, attempt, text, callId });
      return { text, usage: { inputTokens: 1, outputTokens: 1 }, model: 'fake', callId };
    },
  };
}

/** A run context whose optimizer is `model`; the forward model must not be called by backward code. */
export function fakeContext(model: ChatModel): RunContext {
  const forward: ChatModel = {
    label: 'forward (must not be called)',
    simulated: true,
    complete: () => Promise.reject(new Error('backward code called the forward model')),
  };
  return { forwardModel: forward, optimizerModel: model };
}
