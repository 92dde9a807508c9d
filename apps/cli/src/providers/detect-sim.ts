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

/** Which roles answer through a simulator's server (`backflow serve-sim`). */
export interface SimulatedEndpoints {
  forward: boolean;
  optimizer: boolean;
}

/**
 * Asks the custom base URLs of `options` (the forward one, and the optimizer's own) whether the
 * simulator's server answers there. Never rejects: a failed probe means "not simulated".
 */
export async function probeSimulatedEndpoints(options: ProviderOptions): Promise<SimulatedEndpoints> {
  const own = options.optimizer ?? {};
  const forwardUrl = options.provider === 'openai' ? options.baseUrl : undefined;
  const optimizerKind = own.provider ?? options.provider;
  const optimizerUrl = optimizerKind === 'openai' ? (own.baseUrl ?? options.baseUrl) : undefined;
  const viaSim = async (url: string | undefined) => url !== undefined && (await isSimulatedEndpoint(url));
  const [forward, optimizer] = await Promise.all([viaSim(forwardUrl), viaSim(optimizerUrl)]);
  return { forward, optimizer };
}

/** Marks `models` as simulated where `found` says so; each role's label says which one answers through it. */
export function applySimulatedEndpoints(models: ModelSetup, found: SimulatedEndpoints): void {
  const via = (label: string) => `Simulated model (offline) via ${label}`;
  if (found.forward) models.labels.forward = via(models.labels.forward);
  if (found.optimizer) models.labels.optimizer = via(models.labels.optimizer);
  if (found.forward || found.optimizer) models.simulated = true;
}
