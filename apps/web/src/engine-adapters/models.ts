/**
 * ADAPTER: the studio's one link between model settings and the simulator. Every model is built
 * by the engine's factory (`buildModels` / `buildModel`); the simulator comes from packages/sim,
 * which the engine cannot import itself.
 */
import {
  buildModel,
  buildModels,
  type ChatModel,
  detectBrowser,
  diagnoseError,
  type EndpointSettings,
  endpointProblems,
  type ProviderSettings,
  probeReachable,
} from '@backflow/engine';
import { simulatedModelFor } from '@backflow/sim';
import type { ModelSettings } from '../settings/provider-settings';

/** The simulator's base model for a simulated endpoint (seeded noise when the settings ask). */
export function simulatedBase(endpoint: EndpointSettings): ChatModel {
  return simulatedModelFor(endpoint, { seed: 0, namedAfterEndpoint: true });
}

/** The forward and optimizer models of `settings`, built by the engine's factory with the simulator. */
export function buildStudioModels(settings: ProviderSettings) {
  return buildModels(settings, { simulated: simulatedBase });
}

/** The outcome of {@link testConnection}: the model's reply, or the diagnosis sentence. */
export type ConnectionCheck = { ok: true; reply: string; latencyMs: number } | { ok: false; message: string };

/** The one question every connection test asks; short, so a test costs next to nothing. */
export const CONNECTION_TEST_PROMPT = 'Reply with the single word OK.';

/**
 * Sends one tiny request through `settings` (one attempt: a person waiting on the button wants the
 * diagnosis, not a minute of retries) and reports what happened in a sentence. Settings that
 * cannot be used are reported without calling anything. Partial text goes to `onPartial`.
 */
export async function testConnection(
  settings: ModelSettings,
  options: { signal?: AbortSignal; onPartial?: (text: string) => void } = {},
): Promise<ConnectionCheck & { model?: string }> {
  const problems = endpointProblems(settings);
  if (problems.length > 0) return { ok: false, message: problems.join(' ') };
  const started = performance.now();
  try {
    const model = buildModel({ ...settings, concurrency: 1, maxAttempts: 1 }, 'forward', {
      simulated: simulatedBase,
    });
    const res = await model.complete({
      messages: [{ role: 'user', content: CONNECTION_TEST_PROMPT }],
      maxTokens: 5,
      temperature: 0,
      meta: { purpose: 'test' },
      ...(options.signal ? { signal: options.signal } : {}),
      // Asking for partial text makes the client stream the answer.
      ...(options.onPartial ? { onPartial: options.onPartial } : {}),
    });
    return { ok: true, reply: res.text, latencyMs: performance.now() - started, model: res.model };
  } catch (err) {
    const context = {
      baseURL: settings.baseUrl,
      model: settings.model,
      inBrowser: detectBrowser(),
      ...(settings.preset === 'simulated' || settings.preset === 'custom' ? {} : { preset: settings.preset }),
    };
    const first = diagnoseError(err, context);
    // A page cannot tell a closed port from a blocked response: a no-cors probe can.
    if (first.kind !== 'cors' || options.signal?.aborted) return { ok: false, message: first.message };
    const reachable = await probeReachable(settings.baseUrl);
    return { ok: false, message: diagnoseError(err, { ...context, reachable }).message };
  }
}
