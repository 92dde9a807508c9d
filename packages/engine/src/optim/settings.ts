import * as z from 'zod';
import {
  ALGORITHM_NAMES,
  type AlgorithmName,
  algorithmDefinition,
  algorithmRegistry,
} from '../algorithms/registry';
import { backwardModeSchema } from '../prompts/task-parts';
import { isPlainObject, stripUndefined } from '../util/objects';

/** The registered algorithms' names, as a schema (algorithms/registry.ts). */
export const algorithmNameSchema = z.enum(ALGORITHM_NAMES);

/**
 * The acceptance policy of an update, separate from the method that proposed it.
 * - `policy`: none (accept everything), strict (accept only if the score goes up),
 *   nonWorsening (accept if the score does not go down; ties accepted).
 * - `scope`: full (all nodes' candidates together, one evaluation) or perNode (one evaluation per
 *   node's candidate, in topological order, each on top of what was accepted before it).
 * - `on`: the examples the gate scores on: this iteration's minibatch or the validation split
 *   (falls back to the minibatch when there is no validation split).
 */
export const gateSettingsSchema = z
  .object({
    policy: z.enum(['none', 'strict', 'nonWorsening']),
    scope: z.enum(['full', 'perNode']),
    on: z.enum(['minibatch', 'validation']),
  })
  .strict();

/** Limits checked before each unit of work; absent means unlimited. */
export const budgetSettingsSchema = z
  .object({
    maxCalls: z.number().int().positive().optional(),
    maxTokens: z.number().int().positive().optional(),
    maxCostUsd: z.number().positive().optional(),
  })
  .strict();

/**
 * The registered algorithms' own parts of the settings (`AlgorithmDefinition.settings`, each in its
 * folder's settings.ts), composed below into the session's schemas: their fields stored flat beside
 * the common ones, their ablation switches in `ablations`.
 */
type SettingsPart = (typeof algorithmRegistry)[AlgorithmName]['settings'];
type Merged<U> = (U extends unknown ? (part: U) => void : never) extends (part: infer I) => void ? I : never;
const parts: SettingsPart[] = Object.values(algorithmRegistry).map((definition) => definition.settings);

/** One field of every part, spread into one object, typed as the intersection of the parts'. */
function mergedParts<K extends keyof SettingsPart>(key: K): Merged<SettingsPart[K]> {
  return Object.assign({}, ...parts.map((part) => part[key]));
}
const partShapes = mergedParts('shape');
const partInputs = mergedParts('input');
const partDefaults = mergedParts('defaults');

/**
 * Ablation switches: each turns one ingredient of a method off, to measure what it contributes
 * (docs/algorithms.md, "Ablations"); each algorithm's are in its settings part. All off by default;
 * a run with any on is not the paper's method.
 */
export const ablationSettingsSchema = z.object(mergedParts('ablations')).strict();

/** The ablations when none is asked for. */
export const NO_ABLATIONS: Readonly<AblationSettings> = ablationSettingsSchema.parse({});

/** Every setting of an optimization session, fully resolved (see {@link resolveSettings}). */
export const sessionSettingsSchema = z
  .object({
    algorithm: algorithmNameSchema,
    /** Number of iterations (minibatch steps). */
    iterations: z.number().int().min(1).max(1000),
    /** Examples drawn (without replacement, seeded) from the training split per iteration. */
    batchSize: z.number().int().min(1).max(10_000),
    /** Examples back-propagated per iteration (b in ALGORITHMS.md). */
    errorBatchSize: z.number().int().min(1).max(10_000),
    seed: z.number().int(),
    gate: gateSettingsSchema,
    /**
     * GTBP's inversion and semantic backprop's gradient: "faithful" (the papers' steps) or
     * "weighed" (Backflow's extension: the node weighs its own instruction against its inputs and
     * keeps the smaller change; docs/algorithms.md). TextGrad ignores it.
     */
    backwardMode: backwardModeSchema,
    budget: budgetSettingsSchema,
    /**
     * Back-propagate only failing examples (score below `passThreshold`). GTBP's paper leaves this
     * open; the option applies to every algorithm (semantic backprop's reference code does so,
     * TextGrad back-propagates the whole batch).
     */
    invertOnlyFailing: z.boolean(),
    /** An example passes when its score is at least this. */
    passThreshold: z.number().min(0).max(1),
    /** Stop as soon as the validation score reaches 1. */
    earlyStop: z.boolean(),
    /** Wait for `decide()` on every proposal before the gate runs. */
    pauseForDecisions: z.boolean(),
    /** Share of the training examples held out as validation when no validation split is given. */
    valFraction: z.number().min(0).max(0.9),
    /**
     * Check each changed proposal counterfactually (its node's downstream subgraph run again on
     * the failing error-batch examples with that prompt alone): "auto" (absent) = on when the
     * simulator answers, off against a real model; "on"; "off". Its calls count in the preflight
     * and the budget.
     */
    counterfactual: z.enum(['auto', 'on', 'off']).optional(),
    /** Ablation switches (absent in checkpoints written before they existed: all off). */
    ablations: ablationSettingsSchema.default(() => ({ ...NO_ABLATIONS })),
    /** Each algorithm's own settings (`sembpGradient`, `gtbp`, `gepa`, ...: its settings.ts). */
    ...partShapes,
  })
  .strict();

export type GateSettings = z.infer<typeof gateSettingsSchema>;
export type AblationSettings = z.infer<typeof ablationSettingsSchema>;
export type BudgetSettings = z.infer<typeof budgetSettingsSchema>;
export type SessionSettings = z.infer<typeof sessionSettingsSchema>;

/** What a caller may pass: the algorithm plus any subset of the other settings. */
export const sessionSettingsInputSchema = z
  .object({
    ...sessionSettingsSchema.omit({ gate: true, budget: true, ablations: true }).partial().shape,
    algorithm: algorithmNameSchema,
    ablations: ablationSettingsSchema.partial().optional(),
    gate: gateSettingsSchema.partial().optional(),
    budget: budgetSettingsSchema.optional(),
    ...partInputs,
  })
  .strict();

export type SessionSettingsInput = z.infer<typeof sessionSettingsInputSchema>;

/**
 * Defaults as each paper used them (ALGORITHMS.md): the algorithm's own choices (iterations,
 * batch sizes, which examples are back-propagated, the gate; see its `AlgorithmDefinition`) over
 * the settings every algorithm shares.
 */
export function defaultSettings(algorithm: AlgorithmName): SessionSettings {
  return {
    seed: 1,
    // Measured by the credit benchmark (bench/7-credit.bench.ts, docs/benchmarks.md).
    backwardMode: 'weighed',
    budget: {},
    passThreshold: 1,
    earlyStop: true,
    pauseForDecisions: false,
    valFraction: 0,
    ablations: { ...NO_ABLATIONS },
    ...structuredClone(partDefaults),
    algorithm,
    ...structuredClone(algorithmDefinition(algorithm).defaults),
  };
}

/**
 * Validates caller input (throws a ZodError with paths on bad input) and fills every absent
 * setting from the algorithm's defaults.
 */
export function resolveSettings(input: unknown): SessionSettings {
  const parsed = sessionSettingsInputSchema.parse(input);
  const base: Record<string, unknown> = defaultSettings(parsed.algorithm);
  const merged = { ...base };
  for (const [key, value] of Object.entries(parsed)) {
    if (value === undefined) continue;
    if (!isPlainObject(value)) merged[key] = value;
    // A block (gate, budget, ablations, gtbp, gepa) is laid over its default. One with no default
    // (GEPA's, for another algorithm) is dropped: the other algorithms' settings stay as they were.
    else if (isPlainObject(base[key])) merged[key] = { ...base[key], ...stripUndefined(value) };
  }
  return sessionSettingsSchema.parse(merged);
}
