/**
 * A tiny deterministic ChatModel for server tests: it answers with the last user message in upper
 * case, reversed word order when the system prompt says "reverse". Usage is about four characters
 * per token, like the simulator's.
 */
import type { ChatModel, ChatRequest, ChatResponse } from '../../engine';

/** Counts calls so tests can tell cache hits (no call) from endpoint calls. */
export interface ShoutModel extends ChatModel {
  readonly calls: number;
}

/** The answer the shout model gives to `userText` (tests compare against it). */
export function shout(userText: string, reverse = false): string {
  const upper = userText.toUpperCase();
  return reverse ? upper.split(/\s+/).reverse().join(' ') : upper;
}

/** Creates the test model. */
export function createShoutModel(): ShoutModel {
  let calls = 0;
  return {
    label: 'Shout test model (simulated)',
    simulated: true,
    get calls() {
      return calls;
    },
    async complete(request: ChatRequest): Promise<ChatResponse> {
      calls++;
      request.signal?.throwIfAborted();
      const user = request.messages.findLast((m) => m.role === 'user')?.content ?? '';
      const system = request.messages.find((m) => m.role === 'system')?.content ?? '';
      const text = shout(user, /reverse/i.test(system));
      const inputChars = request.messages.reduce((n, m) => n + m.content.length, 0);
      return {
        text,
        usage: { inputTokens: Math.ceil(inputChars / 4), outputTokens: Math.ceil(text.length / 4) },
        model: request.model ?? 'shout',
        callId: `shout-${calls}`,
      };
    },
  };
}
