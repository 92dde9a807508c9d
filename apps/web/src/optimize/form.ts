/**
 * The Optimize panel's settings and how they become engine inputs: session settings, the dataset
 * split and the provider settings (from the studio's model settings), plus the preflight.
 */
import {
  type AblationSettings,
  type AlgorithmName,
  defaultSettings as algorithmDefaults,
  type BackwardMode,
  type DatasetSplit,
  type Example,
  estimatePreflight,
  examplesBySplit,
  type GepaSettings,
  type PreflightEstimate,
  type PriceTable,
  type ProviderSettings,
  resolveSettings,
  type SessionSettingsInput,
  type Workflow,
} from '@backflow/engine';
import { splitDataset } from '../engine-adapters/datasets';
import type { StudioSettings } from '../settings/provider-settings';

/** What a person sets in the Optimize panel. */
export interface OptimizeForm {
  algorithm: AlgorithmName;
  iterations: number;
  batchSize: number;
  /** Share of the examples held out for validation (a recipe project's split is the recipe's). */
  valFraction: number;
  gate: boolean;
  seed: number;
  /** Proposals wait for Accept / Reject / Edit. */
  pauseForDecisions: boolean;
  /** Check each proposal alone on its failing examples: "auto" = on with the simulator. */
  counterfactual: 'auto' | 'on' | 'off';
  /**
   * GTBP's inversion and semantic backprop's gradient: "weighed" (the node weighs its own
   * instruction against its inputs; the default) or "faithful" (the papers' steps). TextGrad
   * ignores it.
   */
  backwardMode: BackwardMode;
  maxCalls?: number;
  maxTokens?: number;
  maxCostUsd?: number;
  /** Ablation switches turned on (docs/algorithms.md); absent = the method as published. */
  ablations?: Partial<AblationSettings>;
  /**
   * GEPA only: merges on/off and at most how many, the pool's size limit and the rollout budget
   * (absent: none); the minibatch is `batchSize`.
   */
  gepa?: Pick<GepaSettings, 'merge' | 'maxMerges' | 'maxCandidates' | 'maxRollouts'>;
  /** Semantic backprop's protocol (docs/algorithms.md); absent = minibatch. */
  sembpProtocol?: 'minibatch' | 'paper';
  /**
   * The paper recipe the project opened from: its session settings lie under the form's fields
   * (what the form has no field for, e.g. the gate's scope, still reaches the session), while its
   * algorithm is chosen.
   */
  recipe?: { name: string; settings: SessionSettingsInput };
  /**
   * Model names for this run (a recipe's paper models, editable): they replace the Settings
   * dialog's model names of real endpoints; the simulator ignores them.
   */
  models?: { forward: string; optimizer: string };
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
    ...(d.gepa ? { gepa: gepaFormOf(d.gepa) } : {}),
    backwardMode: d.backwardMode,
  };
}

/** The form's GEPA fields of resolved GEPA settings (a rollout budget only when there is one). */
export function gepaFormOf(gepa: GepaSettings): NonNullable<OptimizeForm['gepa']> {
  return {
    merge: gepa.merge,
    maxMerges: gepa.maxMerges,
    maxCandidates: gepa.maxCandidates,
    ...(gepa.maxRollouts !== undefined ? { maxRollouts: gepa.maxRollouts } : {}),
  };
}

/** Session settings for the form (gate on: the algorithm's own gate, or non-worsening on validation). */
export function sessionSettingsOf(form: OptimizeForm): SessionSettingsInput {
  const d = algorithmDefaults(form.algorithm);
  // A recipe's settings count only while its algorithm is the one chosen.
  const recipe = form.recipe?.settings.algorithm === form.algorithm ? form.recipe.settings : undefined;
  const gate = form.gate
    ? recipe?.gate?.policy && recipe.gate.policy !== 'none'
      ? recipe.gate
      : d.gate.policy === 'none'
        ? { policy: 'nonWorsening' as const, scope: 'full' as const, on: 'validation' as const }
        : d.gate
    : { policy: 'none' as const };
  const budget = {
    ...(form.maxCalls ? { maxCalls: form.maxCalls } : {}),
    ...(form.maxTokens ? { maxTokens: form.maxTokens } : {}),
    ...(form.maxCostUsd ? { maxCostUsd: form.maxCostUsd } : {}),
  };
  return {
    ...recipe,
    algorithm: form.algorithm,
    iterations: form.iterations,
    batchSize: form.batchSize,
    errorBatchSize: Math.min(recipe?.errorBatchSize ?? d.errorBatchSize, form.batchSize),
    seed: form.seed,
    gate,
    budget,
    pauseForDecisions: form.pauseForDecisions,
    counterfactual: form.counterfactual,
    backwardMode: form.backwardMode,
    ...(form.ablations ? { ablations: form.ablations } : {}),
    ...(form.algorithm === 'gepa' && form.gepa ? { gepa: form.gepa } : {}),
    ...(form.sembpProtocol ? { sembpProtocol: form.sembpProtocol } : {}),
  };
}

/**
 * The held-out test split: the examples labelled `test` (a recipe's paper split, or the data
 * panel's split). The optimization never sees them; they are scored once, after the run.
 */
export function heldOutTestOf(examples: readonly Example[]): Example[] {
  return examples.filter((e) => e.split === 'test');
}

/**
 * Train and validation examples for a run. A recipe project's are the recipe's own split: the
 * labels the engine's `loadRecipeData` gave its examples when the project was opened (the paper's
 * counts, cut with the recipe's seed, exactly as `backflow optimize --recipe` cuts them), grouped
 * by the engine's `examplesBySplit`; no validation share is cut again, so both hosts train and
 * validate on the same examples. Any other project: the engine's seeded split with `valFraction`
 * held out, over every example but the held-out test split ({@link heldOutTestOf}).
 */
export function datasetSplitOf(examples: readonly Example[], form: OptimizeForm): DatasetSplit {
  if (form.recipe) {
    const { train, val } = examplesBySplit(examples);
    return { train, val };
  }
  const labelled = splitDataset(
    examples.filter((e) => e.split !== 'test'),
    { seed: form.seed, train: 1 - form.valFraction, val: form.valFraction },
  );
  return {
    train: labelled.filter((e) => e.split === 'train'),
    val: labelled.filter((e) => e.split === 'val'),
  };
}

/**
 * What is wrong with the form, as plain sentences a person can act on (zod's issue list is for
 * programmers): an empty list when the engine will accept it.
 */
export function formProblems(form: OptimizeForm): string[] {
  const problems: string[] = [];
  const whole = (value: number, label: string) => {
    if (!Number.isInteger(value) || value < 1)
      problems.push(`${label} must be a whole number of at least 1.`);
  };
  whole(form.iterations, 'Iterations');
  whole(form.batchSize, 'Minibatch size');
  if (!(form.valFraction >= 0 && form.valFraction < 1)) {
    problems.push('The validation share must be at least 0 and below 1.');
  }
  if (!Number.isInteger(form.seed)) problems.push('The seed must be a whole number.');
  if (form.algorithm === 'gepa' && form.gepa) {
    const { maxCandidates, maxMerges, maxRollouts } = form.gepa;
    const within = (v: number, min: number, max: number) => Number.isInteger(v) && v >= min && v <= max;
    if (!within(maxMerges, 0, 1000)) problems.push('Max merges must be a whole number from 0 to 1000.');
    if (!Number.isInteger(maxCandidates) || maxCandidates < 2)
      problems.push('Max candidates must be a whole number of at least 2.');
    else if (maxCandidates > 1000) problems.push('Max candidates must be at most 1000.');
    if (maxRollouts !== undefined && !within(maxRollouts, 1, Number.MAX_SAFE_INTEGER))
      problems.push('Max rollouts must be a whole number of at least 1 (leave it empty for no limit).');
  }
  const budget: [number | undefined, string][] = [
    [form.maxCalls, 'The call budget'],
    [form.maxTokens, 'The token budget'],
    [form.maxCostUsd, 'The cost budget'],
  ];
  for (const [value, label] of budget) {
    if (value !== undefined && !(value > 0))
      problems.push(`${label} must be more than 0 (leave it empty for no limit).`);
  }
  return problems;
}

/** The preflight estimate of calls, tokens and cost, or the settings error as a sentence. */
export function preflightOf(
  workflow: Workflow,
  split: DatasetSplit,
  form: OptimizeForm,
  prices?: PriceTable,
  /** The simulator answers ("auto" turns the counterfactual check on). */
  simulated = false,
): { estimate: PreflightEstimate } | { error: string } {
  const problems = formProblems(form);
  if (problems.length > 0) return { error: problems.join(' ') };
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

/**
 * Provider settings for the engine: the two endpoints exactly as the Settings dialog holds them,
 * so the optimizer keeps its own base URL, key, model, temperature, timeout and concurrency (and
 * may be simulated while the forward model is real, or the other way round). The API key travels
 * in the start command only; the run's stored copy has it removed (persistence/runs.ts).
 */
export function providerOf(settings: StudioSettings, models?: OptimizeForm['models']): ProviderSettings {
  const named = <E extends ProviderSettings['forward']>(endpoint: E, model: string | undefined): E =>
    model?.trim() && endpoint.kind !== 'simulated' ? { ...endpoint, model: model.trim() } : endpoint;
  return {
    forward: named(settings.forward, models?.forward),
    optimizer: named(settings.optimizer, models?.optimizer),
  };
}
