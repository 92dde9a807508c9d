/**
 * POST /v1/chat/completions: checks the key and the model like OpenAI, draws the request's fault,
 * asks the ChatModel while the simulated latency runs, and answers as JSON or SSE once both are
 * done, or misbehaves on purpose. Every exchange updates its request-log row.
 */

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ChatModel, ChatResponse, TokenUsage } from '../engine';
import { estimateUsage } from '../engine';
import { type Capabilities, refusalOf } from './capabilities';
import type { FaultPicker } from './faults';
import { readBody, sendJson } from './http-util';
import { completionBody, errorBody, streamChunks } from './openai-format';
import { type ParsedChatRequest, parseChatRequest, samplingOf } from './parse-request';
import type { PromptCache } from './prompt-cache';
import { sendBody, sendStream } from './response-writers';
import type { RequestLogEntry } from './types';

/** What the handler needs from its server. */
export interface CompletionContext {
  model: ChatModel;
  /** Parameters refused with a 400, like endpoints without them. */
  capabilities: Capabilities;
  apiKey?: string;
  models?: string[];
  chunkChars: number;
  /** Pause between streamed chunks, so a person can watch a stream arrive (default 0). */
  chunkDelayMs: number;
  retryAfterSeconds: number;
  picker: FaultPicker;
  nextCompletionId(): string;
  /** OpenAI-style prompt-prefix caching (cached_tokens in the usage); none when absent. */
  promptCache?: PromptCache;
}

/** Handles one chat completion; `entry` is its (already logged) request-log row. */
export async function handleChatCompletion(
  req: IncomingMessage,
  res: ServerResponse,
  context: CompletionContext,
  entry: RequestLogEntry,
): Promise<void> {
  const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
    entry.status = status;
    if (entry.outcome === 'pending') entry.outcome = status < 400 ? 'answered' : 'error';
    sendJson(res, status, body, headers);
  };
  let parsedBody: unknown;
  try {
    parsedBody = JSON.parse(await readBody(req));
  } catch {
    return reply(
      400,
      errorBody('We could not parse the JSON body of your request.', 'invalid_request_error'),
    );
  }
  const authError = checkKey(req, context.apiKey);
  if (authError) return reply(401, errorBody(authError, 'invalid_request_error', 'invalid_api_key'));
  const parsed = parseChatRequest(parsedBody);
  if (!parsed.ok) return reply(400, errorBody(parsed.message, 'invalid_request_error', null, parsed.param));
  const request = parsed.value;
  entry.model = request.model;
  entry.stream = request.stream;
  const lastUser = request.messages.findLast((m) => m.role === 'user');
  if (lastUser) entry.lastUserMessage = lastUser.content.slice(0, 200);
  if (request.responseFormat) entry.responseFormat = request.responseFormat.name;
  if (context.models && !context.models.includes(request.model)) {
    const message = `The model \`${request.model}\` does not exist or you do not have access to it.`;
    return reply(404, errorBody(message, 'invalid_request_error', 'model_not_found'));
  }
  const refusal = refusalOf(request, context.capabilities);
  if (refusal) {
    return reply(400, errorBody(refusal.message, 'invalid_request_error', refusal.code, refusal.param));
  }

  const fault = context.picker.nextFault();
  entry.fault = fault;
  if (fault) entry.outcome = 'fault';
  const abort = new AbortController();
  res.once('close', () => abort.abort());
  // The simulator works while the latency runs, as a remote model would: the configured latency
  // is the time to the answer, not a pause added before the simulator's own work. The timer starts
  // first because the simulator's work is synchronous CPU: started after it, every concurrent
  // request's latency would grow by the work of those that arrived before it. Faults that answer
  // without the model do not ask it.
  const latencyElapsed = waitUnlessClosed(res, context.picker.nextDelayMs());
  const answering =
    fault === '429' || fault === '500' || fault === 'hang'
      ? null
      : settle(
          context.model.complete({
            messages: request.messages,
            model: request.model,
            ...samplingOf(request),
            ...(request.responseFormat ? { answerFormat: request.responseFormat } : {}),
            signal: abort.signal,
          }),
        );
  if (!(await latencyElapsed)) return;
  if (fault === '429') {
    const message = 'Rate limit reached for requests (simulated). Please try again later.';
    return reply(429, errorBody(message, 'requests', 'rate_limit_exceeded'), {
      'Retry-After': String(context.retryAfterSeconds),
    });
  }
  if (fault === '500') {
    return reply(
      500,
      errorBody('The server had an error while processing your request (simulated).', 'server_error'),
    );
  }
  if (fault === 'hang') return; // answered by nobody: the client times out or close() destroys the socket

  const settled = await answering;
  if (res.destroyed || !settled) return;
  if (!settled.ok) {
    entry.outcome = 'error';
    const err = settled.error;
    return reply(
      500,
      errorBody(`The model failed: ${err instanceof Error ? err.message : String(err)}`, 'server_error'),
    );
  }
  const answer: ChatResponse = settled.value;
  const ids = {
    id: context.nextCompletionId(),
    created: Math.floor(Date.now() / 1000),
    model: request.model,
  };
  const usage = withCachedInput(usageOf(answer, request), context.promptCache?.lookup(request.messages) ?? 0);
  const extras = {
    ...(answer.reasoning ? { reasoning: answer.reasoning } : {}),
    ...(answer.finishReason ? { finishReason: answer.finishReason } : {}),
  };
  entry.status = 200;
  if (request.stream) {
    const chunks = streamChunks(
      ids,
      answer.text,
      usage,
      { chunkChars: context.chunkChars, includeUsage: request.includeUsage },
      extras,
    );
    return sendStream(res, chunks, { fault, entry, chunkDelayMs: context.chunkDelayMs });
  }
  const body = JSON.stringify(completionBody(ids, answer.text, usage, extras));
  sendBody(res, body, fault, entry);
}

/**
 * The model's own usage when it reports any (so HTTP and in-process runs agree), otherwise the
 * simulator's rough count: about four characters per token.
 */
function usageOf(answer: ChatResponse, request: ParsedChatRequest): TokenUsage {
  if (answer.usage.inputTokens + answer.usage.outputTokens > 0) return answer.usage;
  return estimateUsage(request.messages, answer.text);
}

/** The usage with the prompt-cache hit, never more than the prompt (OpenAI reports the same way). */
function withCachedInput(usage: TokenUsage, cached: number): TokenUsage {
  return cached > 0 ? { ...usage, cachedInputTokens: Math.min(cached, usage.inputTokens) } : usage;
}

/** OpenAI's two 401 wordings: no key at all, or a wrong one. */
function checkKey(req: IncomingMessage, apiKey: string | undefined): string | undefined {
  if (!apiKey) return undefined;
  const header = req.headers.authorization;
  if (!header) {
    return "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).";
  }
  if (header !== `Bearer ${apiKey}`) return 'Incorrect API key provided.';
  return undefined;
}

/** A promise's outcome as a value, so starting it early leaves no rejection unhandled. */
function settle<T>(promise: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  return promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

/** Resolves true after `ms`, or false as soon as the response closes (client gone, server closing). */
function waitUnlessClosed(res: ServerResponse, ms: number): Promise<boolean> {
  if (res.destroyed) return Promise.resolve(false);
  if (ms <= 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const onClose = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      res.off('close', onClose);
      resolve(true);
    }, ms);
    res.once('close', onClose);
  });
}
