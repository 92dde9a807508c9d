import { resolve } from 'node:path';
import type { RunContext } from '@backflow/engine/context.ts';
import { type AnswerTally, countAnswer, emptyAnswerTally } from '@backflow/engine/prompts/answer-tally.ts';
import {
  type CallRecord,
  type ChatModel,
  createConcurrencyLimiter,
  createOpenAIChatModel,
  createProvider,
  type ResponseCache,
} from '@backflow/engine/providers/index.ts';
import { createSimulatedModel } from '@backflow/sim';
import { usageError } from '../cli/exit-codes';
import type { CliIo } from '../cli/io';
import { type FileCache, openFileCache } from './file-cache';
import { type ProviderOptions, resolveApiKey } from './provider-options';

const OPENAI_BASE_URL = 'https://api.openai.com/v1';
const DEFAULT_MODEL = 'gpt-4o-mini';

/** Calls, tokens and cost seen by this process, from the provider layer's call records. */
export interface CallStats {
  calls: number;
  cachedCalls: number;
  failedCalls: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
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
  return { calls: 0, cachedCalls: 0, failedCalls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 };
}

function countRecord(stats: CallStats, record: CallRecord): void {
  stats.calls++;
  stats.answers ??= emptyAnswerTally();
  countAnswer(stats.answers, record);
  if (record.cached) stats.cachedCalls++;
  if (record.error !== undefined) {
    stats.failedCalls++;
    stats.firstFailure ??= record.error;
    return;
  }
  stats.inputTokens += record.usage.inputTokens;
  stats.outputTokens += record.usage.outputTokens;
  stats.costUsd += record.costUsd;
}

/**
 * Builds the forward and optimizer models from the provider flags: the in-process simulator or an
 * OpenAI-compatible endpoint, each wrapped by the provider layer (one concurrency limit shared by
 * both, retries, the `--cache` file, call records counted into `stats`). A missing `--api-key-env`
 * variable throws a usage error before anything is called.
 */
export function buildModels(
  options: ProviderOptions,
  io: CliIo,
  signal: AbortSignal,
  workflowDefaultModel?: string,
): ModelSetup {
  const stats = emptyStats();
  const cache = options.cacheFile ? openFileCache(resolve(io.cwd, options.cacheFile)) : undefined;
  const limiter = createConcurrencyLimiter(options.concurrency);
  // Calls cut off by our own SIGINT/SIGTERM are not provider failures: do not count them as such.
  const recorder = (record: CallRecord) => {
    if (record.error !== undefined && signal.aborted) return;
    countRecord(stats, record);
    setup.onRecord?.(record);
  };
  const retry = { maxAttempts: options.maxAttempts, attemptTimeoutMs: options.timeoutMs };
  const cacheOption: ResponseCache | undefined = cache;
  const wrap = (base: ChatModel, model: string, baseURL?: string) =>
    createProvider({
      base,
      model,
      concurrency: limiter,
      retry,
      recorder,
      ...(cacheOption ? { cache: cacheOption } : {}),
      ...(baseURL ? { endpoint: { baseURL, model } } : {}),
    });

  let forwardModel: ChatModel;
  let optimizerModel: ChatModel;
  if (options.provider === 'sim') {
    const sim = createSimulatedModel({
      seed: options.sim.seed,
      forwardErrorRate: options.sim.forwardErrorRate,
      optimizerErrorRate: options.sim.optimizerErrorRate,
      realistic: { rate: options.sim.realisticRate, seed: options.sim.seed },
    });
    forwardModel = wrap(sim, options.model ?? 'simulated');
    optimizerModel = options.optimizerModel ? wrap(sim, options.optimizerModel) : forwardModel;
  } else {
    const baseURL = options.baseUrl ?? OPENAI_BASE_URL;
    const apiKey = resolveApiKey(options, io.env);
    // api.openai.com always needs a key: say so now instead of failing every call with a 401.
    if (apiKey === '' && baseURL === OPENAI_BASE_URL) {
      throw usageError(
        'the OpenAI API needs a key: set OPENAI_API_KEY, or name the variable that holds it with --api-key-env VAR (or give --base-url for a local server).',
      );
    }
    const forwardName = options.model ?? workflowDefaultModel ?? DEFAULT_MODEL;
    const optimizerName = options.optimizerModel ?? forwardName;
    const client = (model: string) =>
      createOpenAIChatModel({ baseURL, apiKey, model, timeoutMs: options.timeoutMs });
    forwardModel = wrap(client(forwardName), forwardName, baseURL);
    optimizerModel =
      optimizerName === forwardName ? forwardModel : wrap(client(optimizerName), optimizerName, baseURL);
  }
  const setup: ModelSetup = {
    ctx: { forwardModel, optimizerModel, signal },
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
