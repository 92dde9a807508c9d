/**
 * A ChatModel over any OpenAI-compatible endpoint, on the official `openai` SDK. It makes exactly
 * one HTTP request per call: the SDK's own retries are off because withRetries (retry.ts) decides,
 * with our limiter, timeouts and records in the loop.
 *
 * API keys: local servers (Ollama, LM Studio, vLLM, llama.cpp) usually take none, but the SDK
 * refuses to start without one. With an empty key we give the SDK a placeholder and remove the
 * `Authorization` header it would build from it, so no made-up credential is ever sent.
 *
 * One exception to "one request per call": when the endpoint refuses a parameter with a 400
 * (structured outputs, a temperature or `max_tokens` a reasoning model does not take), the call is
 * re-sent without it at once and the refusal is remembered for the rest of the run
 * (learned-params.ts), with a note in the call record.
 */
import { APIUserAbortError, type OpenAI } from 'openai';
import { estimateUsage } from './accounting';
import { ResponseShapeError } from './errors';
import { type LearnedParams, learnRefusal, nothingLearned, refusedParam } from './learned-params';
import { getPreset, guessPreset } from './presets';
import { createSdkClient } from './sdk-client';
import { AttemptLink, attemptLinkOf, fetchOptionsCarrying, takesAttemptLinks } from './signals';
import type { ChatModel, ChatRequest, ChatResponse, TokenUsage } from './types';

export interface OpenAIChatModelOptions {
  /** E.g. `https://api.openai.com/v1` or `http://127.0.0.1:11434/v1`. */
  baseURL: string;
  /** May be empty for local servers. */
  apiKey?: string;
  model: string;
  temperature?: number;
  maxTokens?: number;
  /** Which body field carries the token limit; newer OpenAI models want `max_completion_tokens`. */
  maxTokensField?: 'max_tokens' | 'max_completion_tokens';
  /** Stream every call; otherwise calls stream only when the request has `onPartial`. */
  stream?: boolean;
  /** The SDK's own request timeout (ms); per-attempt timeouts belong to withRetries. */
  timeoutMs?: number;
  /** A fetch implementation (tests, proxies). */
  fetch?: typeof fetch;
  /** Shown in the UI; defaults to "<host> · <model>". */
  label?: string;
  /**
   * Send a request's answer schema as `response_format: {type: "json_schema", ...}` (structured
   * outputs). When absent: on for the presets whose servers have it (guessed from the base URL:
   * OpenAI, vLLM, llama.cpp, LM Studio, Ollama), off otherwise. An endpoint that refuses it is
   * asked for text instead, by itself.
   */
  structuredOutputs?: boolean;
}

/** Creates the SDK-backed ChatModel. Works in a browser Worker and in Node. */
export function createOpenAIChatModel(options: OpenAIChatModelOptions): ChatModel {
  // Retries belong to withRetries (limiter slot per attempt, Retry-After), never to the SDK.
  const client = createSdkClient({
    baseURL: options.baseURL,
    maxRetries: 0,
    ...(options.apiKey !== undefined ? { apiKey: options.apiKey } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const label = options.label ?? `${hostOf(options.baseURL)} · ${options.model}`;

  const learned = nothingLearned();
  const structuredOutputs =
    options.structuredOutputs ?? getPreset(guessPreset(options.baseURL)).structuredOutputs;

  const bodyOptions = { ...options, structuredOutputs };

  /** One request to the SDK, its answer read in full (streamed or not). */
  async function send(
    body: Body,
    request: ChatRequest,
    link: AttemptLink | undefined,
  ): Promise<ChatResponse> {
    if (options.stream || request.onPartial) return completeStreaming(client, body, request, link);
    const completion: unknown = await client.chat.completions.create(body, requestOptions(link));
    return fromCompletion(completion, body);
  }

  async function complete(request: ChatRequest): Promise<ChatResponse> {
    // The SDK's request is cancelled through a link (signals.ts): a retry attempt's own (it
    // comes with no signal, so none is made), or one made here for the request's signal and let
    // go once the answer is read in full (aborting cancels the body too).
    const own = attemptLinkOf(request);
    const link = own ?? (request.signal ? new AttemptLink(request.signal) : undefined);
    const notes: string[] = [];
    try {
      // Bounded: each refusal removes one of at most three parameters for good.
      for (let round = 0; ; round++) {
        const body = requestBody(bodyOptions, request, learned);
        try {
          const response = await send(body, request, link);
          return notes.length > 0 ? { ...response, notes: [...(response.notes ?? []), ...notes] } : response;
        } catch (err) {
          // Aborted from the link, the SDK sees only its fetch cut and may call it a timeout.
          if (link?.aborted) throw cancellation(link);
          const param = round < 3 ? refusedParam(err, body) : undefined;
          if (!param) throw err;
          notes.push(learnRefusal(learned, param, err));
        }
      }
    } finally {
      if (!own) link?.release();
    }
  }

  return takesAttemptLinks({ label, simulated: false, complete });
}

/**
 * The SDK request options for a request that can be cancelled: its link rides in `fetchOptions`,
 * and the client's fetchWithTimeout (sdk-client.ts) aborts the SDK's own request controller from
 * it, which cuts the request and its body. The SDK is given no signal: it would add and remove
 * listeners of its own on one around every request and body read. It then sees only its fetch
 * cut, so `complete` throws the cancellation itself (body-abort.test.ts).
 */
function requestOptions(link: AttemptLink | undefined): { fetchOptions: Record<never, never> } | undefined {
  return link ? { fetchOptions: fetchOptionsCarrying(link) } : undefined;
}

/** What a cancelled request throws, as the SDK does for a caller's signal: the reason is its cause. */
function cancellation(link: AttemptLink): APIUserAbortError {
  const error = new APIUserAbortError();
  Object.defineProperty(error, 'cause', { value: link.reason, writable: true, configurable: true });
  return error;
}

type Body = {
  model: string;
  messages: { role: 'system' | 'user' | 'assistant'; content: string }[];
  temperature?: number;
  max_tokens?: number;
  max_completion_tokens?: number;
  seed?: number;
  response_format?: {
    type: 'json_schema';
    json_schema: { name: string; schema: Record<string, unknown>; strict: boolean };
  };
};

function requestBody(options: OpenAIChatModelOptions, request: ChatRequest, learned: LearnedParams): Body {
  const body: Body = {
    model: request.model ?? options.model,
    messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
  };
  const temperature = request.temperature ?? options.temperature;
  if (temperature !== undefined && !learned.noTemperature) body.temperature = temperature;
  const maxTokens = request.maxTokens ?? options.maxTokens;
  const field = learned.maxCompletionTokens
    ? 'max_completion_tokens'
    : (options.maxTokensField ?? 'max_tokens');
  if (maxTokens !== undefined) body[field] = maxTokens;
  if (request.seed !== undefined) body.seed = request.seed;
  const format = request.answerFormat;
  if (format && options.structuredOutputs && !learned.noResponseFormat) {
    body.response_format = {
      type: 'json_schema',
      json_schema: { name: format.name, schema: format.schema, strict: format.strict },
    };
  }
  return body;
}

async function completeStreaming(
  client: OpenAI,
  body: Body,
  request: ChatRequest,
  link: AttemptLink | undefined,
): Promise<ChatResponse> {
  const stream = await client.chat.completions.create(
    { ...body, stream: true, stream_options: { include_usage: true } },
    requestOptions(link),
  );
  let text = '';
  let reasoning = '';
  let finishReason: string | undefined;
  let model = body.model;
  let usage: TokenUsage | undefined;
  for await (const chunk of stream) {
    if (!chunk || typeof chunk !== 'object' || !Array.isArray(chunk.choices)) {
      throw new ResponseShapeError('malformed', 'A stream chunk is not a chat.completion.chunk.');
    }
    if (chunk.model) model = chunk.model;
    if (chunk.usage) usage = toUsage(chunk.usage);
    const choice = chunk.choices.find((c) => c.index === 0);
    const delta = choice?.delta?.content || (choice?.delta as { refusal?: string } | undefined)?.refusal;
    reasoning += reasoningOf(choice?.delta);
    if (delta) {
      text += delta;
      request.onPartial?.(text);
    }
    if (choice?.finish_reason) finishReason = choice.finish_reason;
  }
  // The SDK ends quietly when the transport is cut; a stream without a finish_reason is incomplete.
  if (link?.aborted) throw cancellation(link);
  if (!finishReason)
    throw new ResponseShapeError('truncated', 'The stream ended before the answer was complete.');
  const response: ChatResponse = {
    text,
    usage: usage ?? estimateUsage(body.messages, text),
    model,
    callId: '',
  };
  return withAnswerDetails(response, reasoning, finishReason);
}

function fromCompletion(completion: unknown, body: Body): ChatResponse {
  const c = completion as {
    choices?: { message?: { content?: string | null }; finish_reason?: string | null }[];
    usage?: WireUsage | null;
    model?: string;
  } | null;
  const choice = c && Array.isArray(c.choices) ? c.choices[0] : undefined;
  const message = choice?.message;
  if (!message || typeof message !== 'object') {
    throw new ResponseShapeError('malformed', 'The response has no choices[0].message.');
  }
  // Under structured outputs OpenAI sends a refusal apart, with no content: it is what the model said.
  const refusal = (message as { refusal?: unknown }).refusal;
  const content = typeof message.content === 'string' ? message.content : '';
  const text = content === '' && typeof refusal === 'string' ? refusal : content;
  // A server that reports no usage still billed the request: estimate it, as for a stream without usage.
  const usage = c?.usage ? toUsage(c.usage) : estimateUsage(body.messages, text);
  const response: ChatResponse = { text, usage, model: c?.model || body.model, callId: '' };
  return withAnswerDetails(response, reasoningOf(message), choice?.finish_reason ?? undefined);
}

/** `response` with its separate reasoning and finish reason, when the endpoint sent them. */
function withAnswerDetails(response: ChatResponse, reasoning: string, finishReason?: string): ChatResponse {
  if (reasoning) response.reasoning = reasoning;
  if (finishReason) response.finishReason = finishReason;
  return response;
}

/**
 * Reasoning sent apart from the content: `reasoning_content` (DeepSeek, vLLM, llama.cpp) or
 * `reasoning` (Ollama, OpenRouter). Never part of the answer text.
 */
function reasoningOf(part: unknown): string {
  const p = part as { reasoning_content?: unknown; reasoning?: unknown } | null | undefined;
  if (typeof p?.reasoning_content === 'string') return p.reasoning_content;
  if (typeof p?.reasoning === 'string') return p.reasoning;
  return '';
}

interface WireUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  completion_tokens_details?: { reasoning_tokens?: number | null } | null;
  prompt_tokens_details?: { cached_tokens?: number | null } | null;
}

function toUsage(usage: WireUsage): TokenUsage {
  const out: TokenUsage = {
    inputTokens: usage.prompt_tokens ?? 0,
    outputTokens: usage.completion_tokens ?? 0,
  };
  const reasoning = usage.completion_tokens_details?.reasoning_tokens;
  if (typeof reasoning === 'number' && reasoning > 0) out.reasoningTokens = reasoning;
  const cached = usage.prompt_tokens_details?.cached_tokens;
  // Never more than the prompt: a server that reports otherwise must not make a call cost less than nothing.
  if (typeof cached === 'number' && cached > 0) out.cachedInputTokens = Math.min(cached, out.inputTokens);
  return out;
}

function hostOf(baseURL: string): string {
  try {
    return new URL(baseURL).host;
  } catch {
    return baseURL;
  }
}
