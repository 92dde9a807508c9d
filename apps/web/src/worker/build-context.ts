/**
 * Builds the run context of a session from provider settings, inside the engine host (the Worker,
 * or the main thread when no Worker exists). API keys arrive in the command and live only in these
 * model objects: nothing here stores them.
 */
import type { CallRecorder, ChatModel, ContextFactory, RunContext } from '@backflow/engine';
import { createProvider } from '@backflow/engine/providers/index.ts';
import { createOpenAIChatModel } from '@backflow/engine/providers/openai-client.ts';
import { createSimulatedModel } from '@backflow/sim/world/sim-model.ts';
import { createSandboxCodeRunner } from '../sandbox/sandbox-runner';
import type { StudioProviderSettings } from './protocol';

/** The model name the simulator's records carry (the studio's price table uses it too). */
export const SIM_MODEL_NAME = 'backflow-sim';
const DEFAULT_ATTEMPTS = 6;

/** The forward and optimizer models for `provider`, wrapped with retries, prices and records. */
export function buildModels(
  provider: StudioProviderSettings,
  recorder: CallRecorder,
): { forwardModel: ChatModel; optimizerModel: ChatModel } {
  const concurrency = Math.max(1, provider.maxConcurrency ?? 4);
  if (provider.kind === 'simulated') {
    const sim = createSimulatedModel({
      seed: provider.simNoise?.seed ?? 0,
      forwardErrorRate: provider.simNoise?.forward ?? 0,
      optimizerErrorRate: provider.simNoise?.optimizer ?? 0,
    });
    const model = createProvider({
      base: sim,
      model: SIM_MODEL_NAME,
      concurrency,
      retry: { maxAttempts: provider.simNoise ? DEFAULT_ATTEMPTS : 1 },
      ...(provider.prices ? { prices: provider.prices } : {}),
      recorder,
    });
    return { forwardModel: model, optimizerModel: model };
  }
  const baseURL = provider.baseUrl ?? 'https://api.openai.com/v1';
  const wrap = (name: string) =>
    createProvider({
      base: createOpenAIChatModel({ baseURL, apiKey: provider.apiKey ?? '', model: name }),
      model: name,
      concurrency,
      retry: { maxAttempts: provider.maxAttempts ?? DEFAULT_ATTEMPTS },
      ...(provider.prices ? { prices: provider.prices } : {}),
      recorder,
      endpoint: { baseURL, model: name },
    });
  const forwardModel = wrap(provider.forwardModel);
  const optimizerName = provider.optimizerModel ?? provider.forwardModel;
  const optimizerModel = optimizerName === provider.forwardModel ? forwardModel : wrap(optimizerName);
  return { forwardModel, optimizerModel };
}

/**
 * A context factory over one set of models; each call gets the abort signal it is given. Code
 * nodes run in sandbox Workers (nested in the engine Worker) wherever Workers exist; in Node
 * tests the engine's default runner is used.
 */
export function contextFactory(provider: StudioProviderSettings, recorder: CallRecorder): ContextFactory {
  const models = buildModels(provider, recorder);
  const codeRunner = typeof Worker === 'undefined' ? undefined : createSandboxCodeRunner();
  return (signal: AbortSignal): RunContext => ({ ...models, signal, ...(codeRunner ? { codeRunner } : {}) });
}
