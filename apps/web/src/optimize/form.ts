/**
 * The Optimize panel's settings and how they become engine inputs: session settings, the dataset
 * split and the provider settings (from the studio's model settings), plus the preflight.
 */
import {
  type AlgorithmName,
  defaultSettings as algorithmDefaults,
  type DatasetSplit,
  type Example,
  estimatePreflight,
  type PreflightEstimate,
  resolveSettings,
  type SessionSettingsInput,
  type Workflow,
} from '@backflow/engine';
import { splitDataset } from '../engine-adapters/datasets';
import type { ModelSettings, StudioSettings } from '../settings/provider-settings';
import type { StudioProviderSettings } from '../worker/protocol';

/** What a person sets in the Optimize panel. */
export interface OptimizeForm {
  algorithm: AlgorithmName;
  iterations: number;
  batchSize: number;
  /** Share of the examples held out for validation. */
  valFraction: number;
  gate: boolean;
  seed: number;
  /** Proposals wait for Accept / Reject / Edit. */
  pauseForDecisions: boolean;
  /** Check each proposal alone on its failing examples: "auto" = on with the simulator. */
  counterfactual: 'auto' | 'on' | 'off';
  maxCalls?: number;
  maxTokens?: number;
  maxCostUsd?: number;
}

/** The panel's defaults for `algorithm` (its paper's settings, a quarter held out). */
export function defaultForm(algorithm: AlgorithmName = 'gtbp'): OptimizeForm {
  const d = algorithmDefaults(algorithm);
  return {
    algorithm,
    iterations: d.iterations,
    batchSize: d.batchSize,
    valFraction: 0.25,
    gate: d.gate.policy !== 'none',
    seed: d.seed,
    pauseForDecisions: false,
    counterfactual: 'auto',
  };
}

/** Session settings for the form (gate on: the algorithm's own gate, or non-worsening on validation). */
export function sessionSettingsOf(form: OptimizeForm): SessionSettingsInput {
  const d = algorithmDefaults(form.algorithm);
  const gate = form.gate
    ? d.gate.policy === 'none'
      ? { policy: 'nonWorsening' as const, scope: 'full' as const, on: 'validation' as const }
      : d.gate
    : { policy: 'none' as const };
  const budget = {
    ...(form.maxCalls ? { maxCalls: form.maxCalls } : {}),
    ...(form.maxTokens ? { maxTokens: form.maxTokens } : {}),
    ...(form.maxCostUsd ? { maxCostUsd: form.maxCostUsd } : {}),
  };
  return {
    algorithm: form.algorithm,
    iterations: form.iterations,
    batchSize: form.batchSize,
    errorBatchSize: Math.min(d.errorBatchSize, form.batchSize),
    seed: form.seed,
    gate,
    budget,
    pauseForDecisions: form.pauseForDecisions,
    counterfactual: form.counterfactual,
  };
}

/** Train and validation examples: the engine's seeded split with `valFraction` held out. */
export function datasetSplitOf(examples: readonly Example[], form: OptimizeForm): DatasetSplit {
  const labelled = splitDataset(examples, {
    seed: form.seed,
    train: 1 - form.valFraction,
    val: form.valFraction,
  });
  return {
    train: labelled.filter((e) => e.split === 'train'),
    val: labelled.filter((e) => e.split === 'val'),
  };
}

/** The preflight estimate of calls, tokens and cost, or the settings error as a sentence. */
export function preflightOf(
  workflow: Workflow,
  split: DatasetSplit,
  form: OptimizeForm,
  prices?: StudioProviderSettings['prices'],
  /** The simulator answers ("auto" turns the counterfactual check on). */
  simulated = false,
): { estimate: PreflightEstimate } | { error: string } {
  try {
    const settings = resolveSettings(sessionSettingsOf(form));
    const models = Object.keys(prices ?? {});
    return {
      estimate: estimatePreflight(
        settings,
        workflow,
        { train: split.train.length, val: split.val.length },
        { ...(prices ? { prices } : {}), models, simulated },
      ),
    };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

function modelName(m: ModelSettings): string {
  return m.preset === 'simulated' ? 'backflow-sim' : m.model;
}

/**
 * Provider settings for the engine from the studio's model settings. The API key travels in the
 * start command only; the run's stored copy has it removed (persistence/runs.ts).
 */
export function providerOf(settings: StudioSettings): StudioProviderSettings {
  const { forward, optimizer } = settings;
  const prices = {
    [modelName(forward)]: { inputPerMTok: forward.priceInPerMTok, outputPerMTok: forward.priceOutPerMTok },
    [modelName(optimizer)]: {
      inputPerMTok: optimizer.priceInPerMTok,
      outputPerMTok: optimizer.priceOutPerMTok,
    },
  };
  if (forward.preset === 'simulated') {
    return { kind: 'simulated', forwardModel: 'backflow-sim', maxConcurrency: forward.concurrency, prices };
  }
  return {
    kind: 'openai-compatible',
    baseUrl: forward.baseUrl,
    apiKey: forward.apiKey,
    forwardModel: forward.model,
    optimizerModel: optimizer.preset === 'simulated' ? forward.model : optimizer.model,
    maxConcurrency: forward.concurrency,
    prices,
  };
}
