import type { ModelSetup } from './build-models';
import type { ProviderOptions } from './provider-options';

/**
 * Asks an OpenAI-compatible endpoint whether it is Backflow's simulator (`backflow serve-sim`
 * answers `GET /health` with `"simulated": true`), so that results obtained over HTTP from the
 * simulator are labelled simulated like in-process ones. Only custom base URLs are asked (never
 * api.openai.com); any failure or other answer means "not simulated".
 */
export async function isSimulatedEndpoint(baseUrl: string, timeoutMs = 1500): Promise<boolean> {
  try {
    const response = await fetch(new URL('/health', baseUrl), { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) return false;
    const body = (await response.json()) as { simulated?: unknown };
    return body.simulated === true;
  } catch {
    return false;
  }
}

/** Marks `models` as simulated when its custom base URL is the simulator's server. */
export async function markSimulatedEndpoint(models: ModelSetup, options: ProviderOptions): Promise<void> {
  if (options.provider !== 'openai' || options.baseUrl === undefined || models.simulated) return;
  if (!(await isSimulatedEndpoint(options.baseUrl))) return;
  models.simulated = true;
  models.labels = {
    forward: `Simulated model (offline) via ${models.labels.forward}`,
    optimizer: `Simulated model (offline) via ${models.labels.optimizer}`,
  };
}
