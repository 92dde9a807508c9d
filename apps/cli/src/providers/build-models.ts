import { resolve } from 'node:path';
import {
  type AnswerTally,
  addCallRecord,
  buildModels as buildEngineModels,
  type CallRecord,
  type CallSums,
  countAnswer,
  type EndpointSettings,
  EndpointSettingsError,
  emptyAnswerTally,
  emptyCallSums,
  type ProviderSettings,
  type RunContext,
  type RunModels,
} from '@backflow/engine';
import { usageError } from '../cli/exit-codes';
import type { CliIo } from '../cli/io';
import { type FileCache, openFileCache } from './file-cache';
import { type ProviderOptions, resolveApiKey } from './provider-options';

const OPENAI_BASE_URL = 'https://api.openai.com/v1';
const DEFAULT_MODEL = 'gpt-4o-mini';

/**
 * Calls, tokens and cost seen by this process, summed from the provider layer's call records as
 * the studio sums them (the engine's {@link CallSums}), with what the CLI reports beside them.
 */
export interface CallStats extends CallSums {
  /** The diagnosis sentence of the first call that failed after its retries. */
  firstFailure?: string;
  /** How structured answers read (absent in checkpoints written before it existed). */
  answers?: AnswerTally;
}

/** The models a command runs with, and what it needs to report on them. */
export interface ModelSetup {
  ctx: RunContext;
  /** True when the simulated model answers: reports must say so. */
  simulated: boolean;
  labels: { forward: string; optimizer: string };
  stats: CallStats;
  cache?: FileCache;
  /** Called with every call record after it is counted (set it to forward records elsewhere). */
  onRecord?: (record: CallRecord) => void;
  /** Waits for pending cache writes. */
  close(): Promise<void>;
}

/** Zeroed {@link CallStats}. */
export function emptyStats(): CallStats {
  return emptyCallSums();
}

function countRecord(stats: CallStats, record: CallRecord): void {
  addCallRecord(stats, record);
  stats.answers ??= emptyAnswerTally();
  countAnswer(stats.answers, record);
  if (record.error !== undefined) stats.firstFailure ??= record.error;
}

/**
 * The engine's provider settings for the flags: the forward endpoint from `--provider`,
 * `--base-url`, `--model`, ..., the optimizer's from the `--optimizer-*` flags where given, else
 * the forward model's. Keys are read from the environment here (usage errors exit 2).
 */
export function endpointsOf(
  options: ProviderOptions,
  env: Readonly<Record<string, string | undefined>>,
  workflowDefaultModel?: string,
): ProviderSettings {
  const own = options.optimizer ?? {};
  const forwardName =
    options.model ?? (options.provider === 'sim' ? 'simulated' : (workflowDefaultModel ?? DEFAULT_MODEL));
  const optimizerKind = own.provider ?? options.provider;
  const optimizerName =
    options.optimizerModel ??
    (optimizerKind === options.provider
      ? forwardName
      : optimizerKind === 'sim'
        ? 'simulated'
        : (workflowDefaultModel ?? DEFAULT_MODEL));
  const forwardUrl = options.baseUrl ?? OPENAI_BASE_URL;
  const optimizerUrl = own.baseUrl ?? forwardUrl;
  const endpoint = (
    kind: 'sim' | 'openai',
    model: string,
    baseUrl: string,
    apiKey: () => string,
    limits: { concurrency: number; timeoutMs: number },
    structuredOutputs: boolean | undefined,
  ): EndpointSettings => {
    const common = {
      model,
      concurrency: limits.concurrency,
      timeoutSeconds: limits.timeoutMs / 1000,
      maxAttempts: options.maxAttempts,
    };
    if (kind === 'sim') return { ...common, kind: 'simulated', baseUrl: '', simNoise: { ...options.sim } };
    const key = apiKey();
    // api.openai.com always needs a key: say so now instead of failing every call with a 401.
    if (key === '' && baseUrl === OPENAI_BASE_URL) {
      throw usageError(
        'the OpenAI API needs a key: set OPENAI_API_KEY, or name the variable that holds it with --api-key-env VAR (or give --base-url for a local server).',
      );
    }
    return {
      ...common,
      kind: 'openai-compatible',
      baseUrl,
      ...(key ? { apiKey: key } : {}),
      // Absent: the engine decides by the preset its URL names (see --structured-outputs).
      ...(structuredOutputs !== undefined ? { structuredOutputs } : {}),
    };
  };
  const forwardLimits = { concurrency: options.concurrency, timeoutMs: options.timeoutMs };
  // The forward key goes to another server only when asked; else that server gets OPENAI_API_KEY.
  const sameServer = optimizerKind === options.provider && optimizerUrl === forwardUrl;
  const optimizerKeyEnv = own.apiKeyEnv ?? (sameServer ? options.apiKeyEnv : undefined);
  const optimizerKeyFlag = own.apiKeyEnv !== undefined ? 'optimizer-api-key-env' : 'api-key-env';
  return {
    forward: endpoint(
      options.provider,
      forwardName,
      forwardUrl,
      () => resolveApiKey(options, env),
      forwardLimits,
      options.structuredOutputs,
    ),
    optimizer: endpoint(
      optimizerKind,
      optimizerName,
      optimizerUrl,
      () =>
        resolveApiKey(
          optimizerKeyEnv === undefined ? {} : { apiKeyEnv: optimizerKeyEnv },
          env,
          optimizerKeyFlag,
        ),
      { concurrency: own.concurrency ?? options.concurrency, timeoutMs: own.timeoutMs ?? options.timeoutMs },
      own.structuredOutputs ?? options.structuredOutputs,
    ),
  };
}

/**
 * Builds the forward and optimizer models from the provider flags with the engine's one factory:
 * the in-process simulator or an OpenAI-compatible endpoint each, wrapped by the provider layer
 * (one concurrency limit per endpoint, retries, the `--cache` file, call records counted into
 * `stats`). A missing key variable or settings the engine refuses throw a usage error (exit 2)
 * before anything is called.
 */
export async function buildModels(
  options: ProviderOptions,
  io: CliIo,
  signal: AbortSignal,
  workflowDefaultModel?: string,
): Promise<ModelSetup> {
  const stats = emptyStats();
  const settings = endpointsOf(options, io.env, workflowDefaultModel);
  // The simulator is imported only when an endpoint is simulated: a run against a server does not load it.
  const sim =
    settings.forward.kind === 'simulated' || settings.optimizer.kind === 'simulated'
      ? await import('@backflow/sim')
      : undefined;
  const cache = options.cacheFile ? openFileCache(resolve(io.cwd, options.cacheFile)) : undefined;
  // Calls cut off by our own SIGINT/SIGTERM are not provider failures: do not count them as such.
  const recorder = (record: CallRecord) => {
    if (record.error !== undefined && signal.aborted) return;
    countRecord(stats, record);
    setup.onRecord?.(record);
  };
  let models: RunModels;
  try {
    models = buildEngineModels(settings, {
      ...(sim ? { simulated: (endpoint) => sim.simulatedModelFor(endpoint, { seed: 1 }) } : {}),
      recorder,
      ...(cache ? { cache } : {}),
    });
  } catch (error) {
    if (error instanceof EndpointSettingsError) throw usageError(error.message);
    throw error;
  }
  const { forwardModel, optimizerModel, forwardConcurrency } = models;
  const setup: ModelSetup = {
    ctx: { forwardModel, optimizerModel, forwardConcurrency, signal },
    simulated: forwardModel.simulated || optimizerModel.simulated,
    labels: { forward: forwardModel.label, optimizer: optimizerModel.label },
    stats,
    ...(cache ? { cache } : {}),
    close: async () => {
      await cache?.flush();
    },
  };
  return setup;
}
