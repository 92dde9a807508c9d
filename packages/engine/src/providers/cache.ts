/**
 * Response cache. The interface is async so the studio can back it with IndexedDB and the CLI with
 * files; this file holds the in-memory one. Only deterministic calls (temperature 0 or a seed) are
 * served from the cache by default: a sampled answer reused would silently remove the variance
 * the person asked for.
 */
import { stableHash } from './hash';
import type { ChatModel, ChatRequest, ChatResponse, TokenUsage } from './types';

/** What a cache stores for one request. */
export interface CachedResponse {
  text: string;
  usage: TokenUsage;
  model: string;
}

export interface ResponseCache {
  get(key: string): Promise<CachedResponse | undefined>;
  set(key: string, value: CachedResponse): Promise<void>;
}

/** `deterministic`: temperature 0 or a seed only (default); `always`; `off`. */
export type CacheMode = 'deterministic' | 'always' | 'off';

/** An in-memory cache; the oldest entry is dropped beyond `maxEntries` (default 10 000). */
export function createMemoryCache(maxEntries = 10_000): ResponseCache & { readonly size: number } {
  const entries = new Map<string, CachedResponse>();
  return {
    get size() {
      return entries.size;
    },
    async get(key) {
      const hit = entries.get(key);
      return hit ? structuredClone(hit) : undefined;
    },
    async set(key, value) {
      entries.delete(key);
      entries.set(key, structuredClone(value));
      if (entries.size > maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) entries.delete(oldest);
      }
    },
  };
}

/** True when the same request is expected to get the same answer (temperature 0 or a seed). */
export function isDeterministic(request: ChatRequest): boolean {
  return request.temperature === 0 || request.seed !== undefined;
}

/**
 * The cache key of a request: a stable hash of everything that shapes the answer. Besides the
 * request's own fields that is its answer schema (sent as `response_format` where the endpoint has
 * structured outputs: a schema-constrained answer is not the free-text one) and `endpointParams`,
 * what the endpoint adds to every request it sends (structured outputs on or off, its default
 * temperature and token limit, the token-limit field), so two endpoints that send different bodies
 * for the same request never share an entry.
 */
export function cacheKeyOf(
  request: ChatRequest,
  defaultModel: string,
  endpointParams?: Readonly<Record<string, unknown>>,
): string {
  const format = request.answerFormat;
  return stableHash({
    model: request.model ?? defaultModel,
    messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
    temperature: request.temperature,
    maxTokens: request.maxTokens,
    seed: request.seed,
    responseFormat: format ? { name: format.name, schema: format.schema, strict: format.strict } : undefined,
    endpoint: endpointParams,
  });
}

export interface CacheOptions {
  cache: ResponseCache;
  mode?: CacheMode;
  /** Model name used in the key when a request names none. */
  defaultModel: string;
  /** What the endpoint adds to every request body; part of the key (see {@link cacheKeyOf}). */
  endpointParams?: Readonly<Record<string, unknown>>;
}

/**
 * Serves repeated requests from `cache` and stores fresh answers. A hit is returned with
 * `cached: true` and reported once through `onPartial`, so streaming views still show it.
 */
export function withCache(model: ChatModel, options: CacheOptions): ChatModel {
  const mode = options.mode ?? 'deterministic';
  const applies = (request: ChatRequest) =>
    mode === 'always' || (mode === 'deterministic' && isDeterministic(request));

  async function complete(request: ChatRequest): Promise<ChatResponse> {
    if (!applies(request)) return model.complete(request);
    const key = cacheKeyOf(request, options.defaultModel, options.endpointParams);
    const hit = await options.cache.get(key);
    if (hit) {
      request.onPartial?.(hit.text);
      return { ...hit, callId: '', cached: true, attempts: 0 };
    }
    const response = await model.complete(request);
    await options.cache.set(key, { text: response.text, usage: response.usage, model: response.model });
    return response;
  }

  return { label: model.label, simulated: model.simulated, complete };
}
