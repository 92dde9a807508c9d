/**
 * The exact wire shapes of OpenAI's chat completions API that the server speaks: the JSON answer,
 * SSE chunks (with a final usage chunk when `stream_options.include_usage`), and error bodies.
 */
import type { TokenUsage } from '../engine';

export interface CompletionIds {
  id: string;
  created: number;
  model: string;
}

/** What an answer says beyond its content: reasoning sent apart, and why the model stopped. */
export interface AnswerExtras {
  /** Sent as `reasoning_content` (DeepSeek, vLLM and llama.cpp's field). */
  reasoning?: string;
  /** Default `stop`; `length` when the answer was cut off at the token limit. */
  finishReason?: string;
}

/** OpenAI's `usage` object, with `completion_tokens_details.reasoning_tokens` when there were any. */
export function usageBody(usage: TokenUsage) {
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
    ...(usage.reasoningTokens
      ? { completion_tokens_details: { reasoning_tokens: usage.reasoningTokens } }
      : {}),
    ...(usage.cachedInputTokens ? { prompt_tokens_details: { cached_tokens: usage.cachedInputTokens } } : {}),
  };
}

/** A non-streamed `chat.completion`. */
export function completionBody(
  ids: CompletionIds,
  text: string,
  usage: TokenUsage,
  extras: AnswerExtras = {},
) {
  return {
    id: ids.id,
    object: 'chat.completion',
    created: ids.created,
    model: ids.model,
    system_fingerprint: null,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: text,
          refusal: null,
          ...(extras.reasoning ? { reasoning_content: extras.reasoning } : {}),
        },
        logprobs: null,
        finish_reason: extras.finishReason ?? 'stop',
      },
    ],
    usage: usageBody(usage),
  };
}

/** The `data:` payloads of a streamed answer, in order, without the final `[DONE]`. */
export function streamChunks(
  ids: CompletionIds,
  text: string,
  usage: TokenUsage,
  options: { chunkChars: number; includeUsage: boolean },
  extras: AnswerExtras = {},
): string[] {
  // OpenAI sends `"usage": null` on every chunk when usage was asked for, then one usage chunk.
  const usageField = options.includeUsage ? { usage: null } : {};
  // Every chunk starts with the same fields, in OpenAI's order.
  const head = {
    id: ids.id,
    object: 'chat.completion.chunk',
    created: ids.created,
    model: ids.model,
    system_fingerprint: null,
  };
  const chunk = (delta: Record<string, string>, finishReason: string | null) =>
    JSON.stringify({
      ...head,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
      ...usageField,
    });
  const out = [chunk({ role: 'assistant', content: '' }, null)];
  const size = Math.max(1, options.chunkChars);
  const reasoning = extras.reasoning ?? '';
  for (let i = 0; i < reasoning.length; i += size) {
    out.push(chunk({ reasoning_content: reasoning.slice(i, i + size) }, null));
  }
  for (let i = 0; i < text.length; i += size) out.push(chunk({ content: text.slice(i, i + size) }, null));
  out.push(chunk({}, extras.finishReason ?? 'stop'));
  if (options.includeUsage) {
    out.push(JSON.stringify({ ...head, choices: [], usage: usageBody(usage) }));
  }
  return out;
}

/** OpenAI's error body: `{ error: { message, type, param, code } }`. */
export function errorBody(
  message: string,
  type: string,
  code: string | null = null,
  param: string | null = null,
) {
  return { error: { message, type, param, code } };
}
