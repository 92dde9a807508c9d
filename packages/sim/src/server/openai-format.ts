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

/** OpenAI's `usage` object. */
export function usageBody(usage: TokenUsage) {
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
  };
}

/** A non-streamed `chat.completion`. */
export function completionBody(ids: CompletionIds, text: string, usage: TokenUsage) {
  return {
    id: ids.id,
    object: 'chat.completion',
    created: ids.created,
    model: ids.model,
    system_fingerprint: null,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: text, refusal: null },
        logprobs: null,
        finish_reason: 'stop',
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
): string[] {
  // OpenAI sends `"usage": null` on every chunk when usage was asked for, then one usage chunk.
  const usageField = options.includeUsage ? { usage: null } : {};
  const chunk = (delta: Record<string, string>, finishReason: string | null) =>
    JSON.stringify({
      id: ids.id,
      object: 'chat.completion.chunk',
      created: ids.created,
      model: ids.model,
      system_fingerprint: null,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
      ...usageField,
    });
  const out = [chunk({ role: 'assistant', content: '' }, null)];
  const size = Math.max(1, options.chunkChars);
  for (let i = 0; i < text.length; i += size) out.push(chunk({ content: text.slice(i, i + size) }, null));
  out.push(chunk({}, 'stop'));
  if (options.includeUsage) {
    out.push(
      JSON.stringify({
        id: ids.id,
        object: 'chat.completion.chunk',
        created: ids.created,
        model: ids.model,
        system_fingerprint: null,
        choices: [],
        usage: usageBody(usage),
      }),
    );
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
