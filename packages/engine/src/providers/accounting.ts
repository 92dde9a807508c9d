/**
 * Token and cost accounting: a price table per model (editable by the person; US dollars per one
 * million tokens), call ids, and the wrapper that turns every settled call into a {@link CallRecord}.
 * Unknown, local and simulated models cost 0: we never invent a price.
 */
import type { CallRecord, CallRecorder, ChatModel, ChatRequest, ChatResponse, TokenUsage } from './types';

export interface ModelPrice {
  /** USD per 1M input tokens. */
  inputPerMTok: number;
  /** USD per 1M output tokens. */
  outputPerMTok: number;
  /**
   * USD per 1M input tokens served from the provider's prompt cache; the input price when absent
   * (a provider without a cached rate bills them in full).
   */
  cachedInputPerMTok?: number;
}

export type PriceTable = Readonly<Record<string, ModelPrice>>;

/**
 * Published list prices of a few well-known models (standard tier, with the cached-input rate of
 * OpenAI's automatic prompt caching); edit or extend freely.
 */
export const DEFAULT_PRICES: PriceTable = {
  'gpt-4o': { inputPerMTok: 2.5, outputPerMTok: 10, cachedInputPerMTok: 1.25 },
  'gpt-4o-mini': { inputPerMTok: 0.15, outputPerMTok: 0.6, cachedInputPerMTok: 0.075 },
  'gpt-4.1': { inputPerMTok: 2, outputPerMTok: 8, cachedInputPerMTok: 0.5 },
  'gpt-4.1-mini': { inputPerMTok: 0.4, outputPerMTok: 1.6, cachedInputPerMTok: 0.1 },
  'gpt-4.1-nano': { inputPerMTok: 0.1, outputPerMTok: 0.4, cachedInputPerMTok: 0.025 },
  'o4-mini': { inputPerMTok: 1.1, outputPerMTok: 4.4, cachedInputPerMTok: 0.275 },
  'gpt-5': { inputPerMTok: 1.25, outputPerMTok: 10, cachedInputPerMTok: 0.125 },
  'gpt-5-mini': { inputPerMTok: 0.25, outputPerMTok: 2, cachedInputPerMTok: 0.025 },
  'gpt-5-nano': { inputPerMTok: 0.05, outputPerMTok: 0.4, cachedInputPerMTok: 0.005 },
};

const FREE: ModelPrice = { inputPerMTok: 0, outputPerMTok: 0 };

/**
 * The price of `model`: an exact entry, else the name without a router prefix
 * (`openai/gpt-4o-mini`), else the longest entry it starts with (dated snapshots such as
 * `gpt-4o-mini-2024-07-18`), else free.
 */
export function priceFor(model: string, prices: PriceTable = DEFAULT_PRICES): ModelPrice {
  const exact = prices[model];
  if (exact) return exact;
  // Every call record prices its call: remember the prefix search's answer per table and model.
  let known = pricesFound.get(prices);
  if (known === undefined) {
    known = new Map();
    pricesFound.set(prices, known);
  }
  let price = known.get(model);
  if (price === undefined) {
    price = searchPrice(model, prices);
    known.set(model, price);
  }
  return price;
}

/** The prices found for names without an exact entry, per price table (tables are not edited in place). */
const pricesFound = new WeakMap<PriceTable, Map<string, ModelPrice>>();

function searchPrice(model: string, prices: PriceTable): ModelPrice {
  const bare = model.includes('/') ? model.slice(model.lastIndexOf('/') + 1) : model;
  if (prices[bare]) return prices[bare];
  let best: string | undefined;
  for (const name of Object.keys(prices)) {
    if (bare.startsWith(`${name}-`) && (!best || name.length > best.length)) best = name;
  }
  return best ? (prices[best] as ModelPrice) : FREE;
}

/**
 * Cost in USD of one call's usage: uncached input at the input price, input the provider served
 * from its prompt cache at the cached rate (the input price when the model has none), output at
 * the output price. Reasoning tokens are billed as output tokens and are already part of
 * `outputTokens` (OpenAI's `completion_tokens` includes them), so they are not added again.
 */
export function costOf(model: string, usage: TokenUsage, prices: PriceTable = DEFAULT_PRICES): number {
  const price = priceFor(model, prices);
  const cached = Math.min(usage.cachedInputTokens ?? 0, usage.inputTokens);
  const cachedRate = price.cachedInputPerMTok ?? price.inputPerMTok;
  const input = (usage.inputTokens - cached) * price.inputPerMTok + cached * cachedRate;
  return (input + usage.outputTokens * price.outputPerMTok) / 1_000_000;
}

/**
 * Usage by estimate, about four characters per token of the messages and of the answer, rounded
 * up: for servers that report none (a stream without `include_usage`), and the simulator's own.
 */
export function estimateUsage(messages: readonly { content: string }[], answer: string): TokenUsage {
  const inputChars = messages.reduce((n, m) => n + m.content.length, 0);
  return { inputTokens: Math.ceil(inputChars / 4), outputTokens: Math.ceil(answer.length / 4) };
}

/**
 * A call-id generator: random UUIDs where the platform has them (Workers and Node both do),
 * else time + counter; either way unique across reloads.
 */
export function createCallIdFactory(prefix = 'call'): () => string {
  let counter = 0;
  return () => {
    const uuid = globalThis.crypto?.randomUUID?.();
    counter++;
    return uuid ? `${prefix}_${uuid}` : `${prefix}_${Date.now().toString(36)}_${counter.toString(36)}`;
  };
}

/** What settled: an answer or an error, after how many attempts. */
export interface CallOutcome {
  callId: string;
  request: ChatRequest;
  /** The model name asked for (request's or the provider's default). */
  model: string;
  startedAt: number;
  latencyMs: number;
  response?: ChatResponse;
  error?: { message: string; attempts: number };
  prices?: PriceTable;
}

/** Builds the call record of a settled call. A cached answer costs nothing: no endpoint was called. */
export function createCallRecord(outcome: CallOutcome): CallRecord {
  const { request, response } = outcome;
  const meta = request.meta;
  const usage = response?.usage ?? { inputTokens: 0, outputTokens: 0 };
  const model = response?.model || outcome.model;
  const cached = response?.cached === true;
  const record: CallRecord = {
    callId: outcome.callId,
    purpose: meta?.purpose ?? 'forward',
    model,
    startedAt: outcome.startedAt,
    latencyMs: outcome.latencyMs,
    attempts: response ? (response.attempts ?? (cached ? 0 : 1)) : (outcome.error?.attempts ?? 1),
    usage,
    costUsd: cached ? 0 : costOf(model, usage, outcome.prices),
    cached,
    request: {
      messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
      ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
      ...(request.maxTokens !== undefined ? { maxTokens: request.maxTokens } : {}),
      ...(request.seed !== undefined ? { seed: request.seed } : {}),
    },
  };
  if (meta?.nodeId !== undefined) record.nodeId = meta.nodeId;
  if (meta?.exampleId !== undefined) record.exampleId = meta.exampleId;
  if (meta?.callKey !== undefined) record.callKey = meta.callKey;
  if (response) Object.assign(record, answerFields(request, response));
  if (outcome.error) record.error = outcome.error.message;
  return record;
}

/** What the answer says beyond its text: reasoning, why it stopped, how it read, what was adapted. */
function answerFields(request: ChatRequest, response: ChatResponse): Partial<CallRecord> {
  const fields: Partial<CallRecord> = { responseText: response.text };
  if (response.reasoning) fields.reasoning = response.reasoning;
  if (response.finishReason) fields.finishReason = response.finishReason;
  if (response.notes?.length) fields.notes = [...response.notes];
  const check = request.answerFormat?.check;
  if (check) fields.answer = check(response.text);
  return fields;
}

export interface CallRecordOptions {
  recorder?: CallRecorder;
  prices?: PriceTable;
  /** Clock in ms; injectable for tests. */
  now?: () => number;
  newCallId?: () => string;
  /** Model name recorded when a request names none (default: the model's label). */
  defaultModel?: string;
}

/**
 * Gives every call an id and reports a record when it settles (answer or final error). The
 * response carries the same `callId`, so traces can point at their record.
 */
export function withCallRecords(model: ChatModel, options: CallRecordOptions): ChatModel {
  const now = options.now ?? Date.now;
  const newCallId = options.newCallId ?? createCallIdFactory();

  async function complete(request: ChatRequest): Promise<ChatResponse> {
    const callId = newCallId();
    const startedAt = now();
    const base = {
      callId,
      request,
      model: request.model ?? options.defaultModel ?? model.label,
      startedAt,
      ...(options.prices ? { prices: options.prices } : {}),
    };
    try {
      const response = { ...(await model.complete(request)), callId };
      options.recorder?.(createCallRecord({ ...base, latencyMs: now() - startedAt, response }));
      return response;
    } catch (err) {
      const attempts = (err as { attempts?: unknown }).attempts;
      const error = {
        message: err instanceof Error ? err.message : String(err),
        attempts: typeof attempts === 'number' ? attempts : 1,
      };
      options.recorder?.(createCallRecord({ ...base, latencyMs: now() - startedAt, error }));
      throw err;
    }
  }

  return { label: model.label, simulated: model.simulated, complete };
}
