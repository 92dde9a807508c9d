/**
 * ADAPTER: the studio's model settings -> an engine `ChatModel`, in one place. The simulator comes
 * from packages/sim (`createSimulatedModel`, imported from its source file until the package
 * index exports it); real endpoints from the engine's OpenAI-compatible client, wrapped by
 * `createProvider` with the concurrency limit, retries, prices and call records.
 */
import type { CallRecorder, ChatModel } from '@backflow/engine';
import { createProvider, diagnoseError, type ProviderPresetId } from '@backflow/engine/providers/index.ts';
import { createOpenAIChatModel } from '@backflow/engine/providers/openai-client.ts';
import { createSimulatedModel } from '@backflow/sim/world/sim-model.ts';
import {
  DEFAULT_TIMEOUT_SECONDS,
  MAX_ATTEMPTS,
  type ModelSettings,
  modelLabel,
} from '../settings/provider-settings';

/** A ready-to-call model for `settings` (simulated or an OpenAI-compatible endpoint). */
export function createChatModel(
  settings: ModelSettings,
  options: { recorder?: CallRecorder } = {},
): ChatModel {
  const simulated = settings.preset === 'simulated';
  const base = simulated
    ? createSimulatedModel({ seed: 0 })
    : createOpenAIChatModel({
        baseURL: settings.baseUrl,
        apiKey: settings.apiKey,
        model: settings.model,
        temperature: settings.temperature,
        label: modelLabel(settings),
      });
  const model = simulated ? 'backflow-sim' : settings.model;
  return createProvider({
    base,
    model,
    concurrency: Math.max(1, settings.concurrency),
    retry: simulated
      ? { maxAttempts: 1 }
      : {
          maxAttempts: MAX_ATTEMPTS,
          attemptTimeoutMs: 1000 * (settings.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS),
        },
    prices: { [model]: { inputPerMTok: settings.priceInPerMTok, outputPerMTok: settings.priceOutPerMTok } },
    ...(options.recorder ? { recorder: options.recorder } : {}),
    endpoint: {
      baseURL: settings.baseUrl,
      ...(simulated || settings.preset === 'custom' ? {} : { preset: settings.preset as ProviderPresetId }),
      inBrowser: typeof window !== 'undefined',
      model,
    },
  });
}

/** The outcome of {@link testConnection}: the model's reply, or the diagnosis sentence. */
export type ConnectionCheck = { ok: true; reply: string; latencyMs: number } | { ok: false; message: string };

/** Sends one tiny request through `settings` and reports what happened in a sentence. */
export async function testConnection(
  settings: ModelSettings,
  signal?: AbortSignal,
): Promise<ConnectionCheck> {
  const started = performance.now();
  try {
    const model = createChatModel({ ...settings, concurrency: 1 });
    const res = await model.complete({
      messages: [{ role: 'user', content: 'Reply with the single word OK.' }],
      maxTokens: 5,
      temperature: 0,
      meta: { purpose: 'test' },
      ...(signal ? { signal } : {}),
    });
    return { ok: true, reply: res.text, latencyMs: performance.now() - started };
  } catch (err) {
    const inBrowser = typeof window !== 'undefined';
    return {
      ok: false,
      message: diagnoseError(err, {
        baseURL: settings.baseUrl,
        model: settings.model,
        inBrowser,
        ...(settings.preset === 'simulated' || settings.preset === 'custom'
          ? {}
          : { preset: settings.preset }),
      }).message,
    };
  }
}
