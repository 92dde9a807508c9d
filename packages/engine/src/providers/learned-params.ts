/**
 * What an endpoint taught us by refusing a request: OpenAI's reasoning models reject a temperature
 * other than the default and `max_tokens`; some servers (or models) reject `response_format`
 * json_schema. The refusal is a 400 naming the parameter; the client learns it once, re-sends the
 * call without it, remembers it for the rest of the run (the model object's life) and says so in
 * the call's notes.
 */
import { APIError } from 'openai';

/** A request parameter the endpoint can refuse, which the client knows how to do without. */
export type RefusableParam = 'response_format' | 'temperature' | 'max_tokens';

/** What this endpoint refused so far. */
export interface LearnedParams {
  /** Structured outputs refused: answers are asked for as plain text. */
  noResponseFormat: boolean;
  /** Temperature refused: none is sent (the model's default applies). */
  noTemperature: boolean;
  /** `max_tokens` refused: the limit is sent as `max_completion_tokens`. */
  maxCompletionTokens: boolean;
}

/** Nothing learned yet. */
export function nothingLearned(): LearnedParams {
  return { noResponseFormat: false, noTemperature: false, maxCompletionTokens: false };
}

/** The fields of a request body the learning looks at. */
export interface RefusableBody {
  response_format?: unknown;
  temperature?: number;
  max_tokens?: number;
}

/**
 * The parameter a failed call was refused for, if `err` is a 400/422 that names one the body
 * carried: by the error's `param` first (OpenAI sets it), else by its message (vLLM, llama.cpp and
 * Ollama only say it in words).
 */
export function refusedParam(err: unknown, body: RefusableBody): RefusableParam | undefined {
  if (!(err instanceof APIError) || (err.status !== 400 && err.status !== 422)) return undefined;
  const present: RefusableParam[] = [];
  if (body.response_format !== undefined) present.push('response_format');
  if (body.temperature !== undefined) present.push('temperature');
  if (body.max_tokens !== undefined) present.push('max_tokens');
  const named = present.find((p) => err.param === p);
  if (named) return named;
  const text = err.message;
  return present.find((p) => MENTIONS[p].test(text));
}

const MENTIONS: Record<RefusableParam, RegExp> = {
  response_format: /response_format|json_schema|structured output|grammar/i,
  temperature: /temperature/i,
  // "max_completion_tokens" alone must not count: only the old field's own name.
  max_tokens: /(^|[^_])max_tokens/i,
};

/** Records `param` as refused and returns the call-log sentence that says what changes. */
export function learnRefusal(learned: LearnedParams, param: RefusableParam, err: unknown): string {
  const why = `the endpoint answered ${(err as { status?: number }).status ?? 400}: ${(err as Error).message}`;
  switch (param) {
    case 'response_format':
      learned.noResponseFormat = true;
      return `Structured outputs refused (${why}); answers are asked for as text for the rest of the run.`;
    case 'temperature':
      learned.noTemperature = true;
      return `Temperature refused (${why}); sent without temperature for the rest of the run.`;
    case 'max_tokens':
      learned.maxCompletionTokens = true;
      return `max_tokens refused (${why}); max_completion_tokens sent instead for the rest of the run.`;
  }
}
