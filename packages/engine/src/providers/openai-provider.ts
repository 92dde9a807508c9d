/**
 * The usual way to get a model from settings: the SDK client for an OpenAI-compatible endpoint,
 * wrapped by createProvider, sharing one limiter per endpoint when the host passes its registry
 * (the forward and optimizer models often point at the same server).
 */
import { createProvider, type ProviderOptions } from './compose';
import type { EndpointLimiters } from './limits';
import { createOpenAIChatModel, type OpenAIChatModelOptions } from './openai-client';
import { getPreset, guessPreset, type ProviderPresetId } from './presets';
import type { ChatModel } from './types';

export interface OpenAIProviderOptions
  extends OpenAIChatModelOptions,
    Omit<ProviderOptions, 'base' | 'model' | 'concurrency'> {
  preset?: ProviderPresetId;
  /** Concurrent calls allowed to this endpoint (default 4). */
  concurrency?: number;
  /** The host's per-endpoint limiters; without it the limit is private to this model. */
  limiters?: EndpointLimiters;
}

/**
 * Per-attempt time limit when the options set none. Generous because a local server may load the
 * model on the first call; without any limit a hung server would hold the call for the SDK's
 * default of ten minutes.
 */
export const DEFAULT_ATTEMPT_TIMEOUT_MS = 180_000;

/**
 * Builds the full provider stack around an OpenAI-compatible endpoint. Structured outputs are on
 * by default where the preset's server has them (OpenAI, vLLM, llama.cpp, LM Studio, Ollama).
 */
export function createOpenAIProvider(options: OpenAIProviderOptions): ChatModel {
  const concurrency = options.concurrency ?? 4;
  const { preset = guessPreset(options.baseURL), limiters } = options;
  const { retry, cache, prices, recorder, now, newCallId } = options;
  const structuredOutputs = options.structuredOutputs ?? getPreset(preset).structuredOutputs;
  return createProvider({
    retry: { attemptTimeoutMs: DEFAULT_ATTEMPT_TIMEOUT_MS, ...retry },
    ...(cache ? { cache, cacheParams: requestDefaults(options, structuredOutputs) } : {}),
    ...(prices ? { prices } : {}),
    ...(recorder ? { recorder } : {}),
    ...(now ? { now } : {}),
    ...(newCallId ? { newCallId } : {}),
    base: createOpenAIChatModel({ ...options, structuredOutputs }),
    model: options.model,
    concurrency: limiters ? limiters.forEndpoint(options.baseURL, concurrency) : concurrency,
    endpoint: { baseURL: options.baseURL, preset, ...options.endpoint },
  });
}

/**
 * What the chat model adds to every request body it sends: the cache keys on it, so a cached
 * answer is only reused for a request sent the same way (same response_format, temperature,
 * token limit and its field).
 */
function requestDefaults(
  options: OpenAIChatModelOptions,
  structuredOutputs: boolean,
): Record<string, unknown> {
  return {
    structuredOutputs,
    temperature: options.temperature,
    maxTokens: options.maxTokens,
    maxTokensField: options.maxTokensField,
  };
}
