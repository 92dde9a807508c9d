/**
 * serve-sim's imitation of OpenAI's automatic prompt caching, so prompt-cache accounting is
 * exercised offline: a prompt of at least 1,024 tokens whose beginning matches a recent prompt's
 * reports the shared part as `prompt_tokens_details.cached_tokens`, in whole steps of 128 tokens,
 * as OpenAI does. Prompts are compared as the concatenated message texts (role included), at the
 * simulator's rate of four characters per token.
 */

const MIN_CACHED_TOKENS = 1024;
const STEP_TOKENS = 128;
const CHARS_PER_TOKEN = 4;

/** Remembers recent prompts and says how much of a new one they cover. */
export interface PromptCache {
  /** Cached tokens of this prompt (0 when none), then remembers it. */
  lookup(messages: readonly { role: string; content: string }[]): number;
}

/** A cache of the last `capacity` distinct prompts (default 256). */
export function createPromptCache(capacity = 256): PromptCache {
  const recent: string[] = [];
  return {
    lookup(messages) {
      const text = messages.map((m) => `${m.role}\n${m.content}\n`).join('');
      let shared = 0;
      for (const earlier of recent) shared = Math.max(shared, commonPrefix(earlier, text));
      if (!recent.includes(text)) {
        recent.push(text);
        if (recent.length > capacity) recent.shift();
      }
      const tokens = Math.floor(shared / CHARS_PER_TOKEN);
      return tokens < MIN_CACHED_TOKENS ? 0 : Math.floor(tokens / STEP_TOKENS) * STEP_TOKENS;
    },
  };
}

function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}
