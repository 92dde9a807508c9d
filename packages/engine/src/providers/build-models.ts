/**
 * The one model factory: {@link ProviderSettings} in, the forward and optimizer `ChatModel`s out,
 * each wrapped by the provider layer (limits, retries with the endpoint's timeout, prices, cache,
 * call records). The studio's Run, Optimize and connection test and the CLI all build their
 * models here. The simulated model lives in `packages/sim`, which depends on the engine, so the
 * host passes it in as {@link BuildModelsDeps.simulated}.
 */

import type { ProviderOptions } from './compose';
import { createProvider } from './compose';
import { detectBrowser } from './diagnose';
import {
  DEFAULT_CONCURRENCY,
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_TIMEOUT_SECONDS,
  type EndpointSettings,
  EndpointSettingsError,
  endpointPrices,
  MAX_TIMEOUT_SECONDS,
  type ProviderSettings,
  parseProviderSettings,
} from './endpoint-settings';
import { createEndpointLimiters, type EndpointLimiters } from './limits';
import { createOpenAIProvider, type OpenAIProviderOptions } from './openai-provider';
import { PROVIDER_PRESETS, type ProviderPresetId } from './presets';
import type { CallRecorder, ChatModel } from './types';

/** Which model an endpoint serves. */
export type ModelRole = 'forward' | 'optimizer';

/** What a host lends the factory. */
export interface BuildModelsDeps {
  /** Creates the simulator's base model for a simulated endpoint (required when one is). */
  simulated?: (endpoint: EndpointSettings, role: ModelRole) => ChatModel;
  recorder?: CallRecorder;
  cache?: ProviderOptions['cache'];
  /** Shared per-endpoint limits; by default the two models share one when they use one endpoint. */
  limiters?: EndpointLimiters;
  /** A fetch implementation for the OpenAI client (tests, proxies). */
  fetch?: typeof fetch;
  /** Attempts per call for real endpoints that set none. */
  defaultMaxAttempts?: number;
}

/** The two models of a run. */
export interface RunModels {
  forwardModel: ChatModel;
  optimizerModel: ChatModel;
  /** The forward endpoint's concurrency (a RunContext field of the same name). */
  forwardConcurrency: number;
}

/** The limiter key of a simulated endpoint (it has no URL). */
const SIMULATED_ENDPOINT = 'simulated:';

/** The per-attempt time limit of `endpoint` in ms, never more than the setTimeout-safe maximum. */
export function attemptTimeoutMs(endpoint: EndpointSettings): number {
  const seconds = Math.min(endpoint.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS, MAX_TIMEOUT_SECONDS);
  return Math.round(seconds * 1000);
}

/** The named preset of `endpoint`; "custom" (any server) leaves it to the base URL's guess. */
function presetOf(endpoint: EndpointSettings): ProviderPresetId | undefined {
  if (endpoint.preset === 'custom') return undefined;
  return PROVIDER_PRESETS.find((p) => p.id === endpoint.preset)?.id;
}

/**
 * One model for `endpoint`: the simulator from `deps.simulated`, or an OpenAI-compatible server.
 * The settings are assumed checked ({@link buildModels} does it).
 */
export function buildModel(
  endpoint: EndpointSettings,
  role: ModelRole,
  deps: BuildModelsDeps = {},
): ChatModel {
  const limiters = deps.limiters ?? createEndpointLimiters(DEFAULT_CONCURRENCY);
  const concurrency = endpoint.concurrency ?? DEFAULT_CONCURRENCY;
  const prices = endpointPrices(endpoint);
  const shared = {
    ...(prices ? { prices } : {}),
    ...(deps.recorder ? { recorder: deps.recorder } : {}),
    ...(deps.cache ? { cache: deps.cache } : {}),
  };
  if (endpoint.kind === 'simulated') {
    if (!deps.simulated) throw new EndpointSettingsError('This host cannot run the simulated model.');
    const noisy = Boolean(endpoint.simNoise?.forwardErrorRate || endpoint.simNoise?.optimizerErrorRate);
    return createProvider({
      ...shared,
      base: deps.simulated(endpoint, role),
      model: endpoint.model,
      concurrency: limiters.forEndpoint(SIMULATED_ENDPOINT, concurrency),
      // The simulator answers at once and never times out; only its seeded noise is worth a retry.
      retry: { maxAttempts: endpoint.maxAttempts ?? (noisy ? DEFAULT_MAX_ATTEMPTS : 1) },
    });
  }
  const preset = presetOf(endpoint);
  const timeoutMs = attemptTimeoutMs(endpoint);
  // Absent options are decided by the provider (structured outputs: by the preset's server).
  const options: OpenAIProviderOptions = {
    ...shared,
    baseURL: endpoint.baseUrl,
    model: endpoint.model,
    ...(endpoint.apiKey ? { apiKey: endpoint.apiKey } : {}),
    ...(endpoint.temperature !== undefined ? { temperature: endpoint.temperature } : {}),
    ...(endpoint.structuredOutputs !== undefined ? { structuredOutputs: endpoint.structuredOutputs } : {}),
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
    ...(preset ? { preset } : {}),
    timeoutMs,
    concurrency,
    limiters,
    retry: {
      maxAttempts: endpoint.maxAttempts ?? deps.defaultMaxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      attemptTimeoutMs: timeoutMs,
    },
    endpoint: { baseURL: endpoint.baseUrl, model: endpoint.model, inBrowser: detectBrowser() },
  };
  return createOpenAIProvider(options);
}

/**
 * The forward and optimizer models of `settings`, checked first: any problem (a `file:` base URL,
 * credentials in a URL, a timeout past an hour, ...) throws one {@link EndpointSettingsError}
 * before a single call is made. Endpoints with the same base URL share one concurrency limit.
 */
export function buildModels(settings: ProviderSettings, deps: BuildModelsDeps = {}): RunModels {
  const checked = parseProviderSettings(settings);
  const withLimiters = { ...deps, limiters: deps.limiters ?? createEndpointLimiters(DEFAULT_CONCURRENCY) };
  return {
    forwardModel: buildModel(checked.forward, 'forward', withLimiters),
    optimizerModel: buildModel(checked.optimizer, 'optimizer', withLimiters),
    forwardConcurrency: checked.forward.concurrency ?? DEFAULT_CONCURRENCY,
  };
}
