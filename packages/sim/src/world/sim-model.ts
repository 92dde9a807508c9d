/**
 * The simulated model as a `ChatModel`: in-process, browser-safe, deterministic. It reads only the
 * messages it is sent, exactly what a real model would see.
 */
import {
  type ChatModel,
  type ChatRequest,
  type ChatResponse,
  type EndpointSettings,
  estimateUsage,
} from '../engine';
import { type RealisticAnswersOptions, withRealisticAnswers } from '../realistic/realistic-model';
import { respond } from './respond';

export interface SimulatedModelOptions {
  /** Fixes every noise decision; the same seed and messages always give the same bytes. */
  seed?: number;
  /** Share of forward calls that slip (0..1). */
  forwardErrorRate?: number;
  /**
   * The noisy world: share of forward calls sent at a temperature above 0 in which a skill slips
   * (one step of the prompt is skipped), on top of `forwardErrorRate`. Calls at temperature 0 (the
   * engine's default) never slip from it. Like all noise it is a hash of the request, so one
   * example can mislead a backward pass the same way every time it is asked.
   */
  slipRate?: number;
  /** Share of backward answers replaced by plausible wrong ones (0..1). */
  optimizerErrorRate?: number;
  /** Model name reported when the request names none. */
  modelName?: string;
  /** "Realistic answers": a seeded share of answers slips as real models' do (realistic/). */
  realistic?: RealisticAnswersOptions;
}

/** The label every UI and report shows for the simulator. */
export const SIMULATED_MODEL_LABEL = 'Simulated model (offline)';

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

/** Creates an in-process simulated model. Each instance numbers its own calls. */
export function createSimulatedModel(options: SimulatedModelOptions = {}): ChatModel {
  const seed = options.seed ?? 0;
  const world = {
    seed,
    forwardErrorRate: options.forwardErrorRate ?? 0,
    optimizerErrorRate: options.optimizerErrorRate ?? 0,
  };
  let calls = 0;
  const model: ChatModel = {
    label: SIMULATED_MODEL_LABEL,
    simulated: true,
    async complete(request: ChatRequest): Promise<ChatResponse> {
      const { signal } = request;
      if (signal?.aborted) throw abortError(signal);
      calls += 1;
      const callId = `sim-${seed}-${calls}`;
      // Yield once so an abort raised right after the call started is still honoured.
      await Promise.resolve();
      if (signal?.aborted) throw abortError(signal);
      const slips = (request.temperature ?? 0) > 0 ? (options.slipRate ?? 0) : 0;
      const text = respond(request.messages, {
        ...world,
        forwardErrorRate: Math.min(1, world.forwardErrorRate + slips),
      });
      request.onPartial?.(text);
      return {
        text,
        usage: estimateUsage(request.messages, text),
        model: request.model ?? options.modelName ?? 'backflow-sim',
        callId,
      };
    },
  };
  return options.realistic && options.realistic.rate > 0
    ? withRealisticAnswers(model, options.realistic)
    : model;
}

/** What a host lays under a simulated endpoint's settings where they say nothing. */
export interface SimulatedEndpointDefaults {
  /** The seed (of the noise and of realistic answers) when `simNoise.seed` is absent. */
  seed: number;
  /** Answers name the endpoint's model when a request names none (else `backflow-sim`). */
  namedAfterEndpoint?: boolean;
}

/**
 * The simulator for a simulated endpoint: its seeded noise and share of realistic answers from
 * `endpoint.simNoise`, with the host's `defaults` where the settings leave something out. Both
 * hosts build their simulator here, each with its own defaults (the studio: seed 0, answers named
 * after the endpoint's model; the CLI: seed 1), so one endpoint's settings answer alike in both.
 */
export function simulatedModelFor(
  endpoint: EndpointSettings,
  defaults: SimulatedEndpointDefaults,
): ChatModel {
  const noise = endpoint.simNoise;
  const seed = noise?.seed ?? defaults.seed;
  return createSimulatedModel({
    seed,
    forwardErrorRate: noise?.forwardErrorRate ?? 0,
    optimizerErrorRate: noise?.optimizerErrorRate ?? 0,
    ...(defaults.namedAfterEndpoint ? { modelName: endpoint.model } : {}),
    ...(noise?.realisticRate ? { realistic: { rate: noise.realisticRate, seed } } : {}),
  });
}
