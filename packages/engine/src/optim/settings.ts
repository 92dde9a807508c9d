import * as z from 'zod';
import { gepaSettingsSchema } from '../algorithms/gepa/settings';
import { ALGORITHM_NAMES, type AlgorithmName, algorithmDefinition } from '../algorithms/registry';
import { backwardModeSchema } from '../prompts/tasks';

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

/**
 * GTBP's edit budget schedule. At iteration t (1-based) at most
 * n_t = max(0, m0 - floor((t - 1) / mMinus)) existing claims may change, and one new claim may be
 * added when no claim was added to that node in the previous mPlus - 1 iterations.
 */
export const gtbpScheduleSchema = z
  .object({
    m0: z.number().int().min(0).max(100),
    mPlus: z.number().int().min(1).max(1000),
    mMinus: z.number().int().min(1).max(1000),
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
 * Ablation switches: each turns one ingredient of a method off, to measure what it contributes
 * (docs/algorithms.md, "Ablations"). All off by default; a run with any on is not the paper's method.
 * - `textgradMaskSiblings`: TextGrad's edge gradients see the other inputs as `{{name}}`
 *   placeholders instead of their values (the reference code shows the whole formatted input).
 * - `sembpNoSiblings`: semantic backprop asks about each input in its own call, blind to the others.
 * - `gtbpNoReconcile`: GTBP keeps every successor's target for a node instead of reconciling them.
 * - `gtbpNoBudget`: GTBP's update may change every claim and add one at every step (no schedule).
 */
export const ablationSettingsSchema = z
  .object({
    textgradMaskSiblings: z.boolean().default(false),
    sembpNoSiblings: z.boolean().default(false),
    gtbpNoReconcile: z.boolean().default(false),
    gtbpNoBudget: z.boolean().default(false),
  })
  .strict();

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
    /** Semantic backprop's backward variant: "target" (how each input should change) or "comment". */
    sembpGradient: z.enum(['target', 'comment']),
    /** Semantic backprop's update: free rewrite, or critique (pros and cons) first then rewrite. */
    sembpUpdate: z.enum(['direct', 'critique']),
    /**
     * GTBP's inversion and semantic backprop's gradient: "faithful" (the papers' steps) or
     * "weighed" (Backflow's extension: the node weighs its own instruction against its inputs and
     * keeps the smaller change; docs/algorithms.md). TextGrad ignores it.
     */
    backwardMode: backwardModeSchema,
    gtbp: gtbpScheduleSchema,
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
    /**
     * Semantic backprop's protocol (`optim/protocol.ts`): "minibatch" (absent) draws a minibatch
     * per iteration; "paper" is the reference code's: errors drawn from the whole training split,
     * the gate on the whole training split, and the predictions of the prompts in force reused
     * instead of run again. Other algorithms ignore it.
     */
    sembpProtocol: z.enum(['minibatch', 'paper']).optional(),
    /** Ablation switches (absent in checkpoints written before they existed: all off). */
    ablations: ablationSettingsSchema.default(() => ({ ...NO_ABLATIONS })),
    /** GEPA's settings (algorithms/gepa/settings.ts); absent for the other algorithms. */
    gepa: gepaSettingsSchema.optional(),
  })
  .strict();

export type GateSettings = z.infer<typeof gateSettingsSchema>;
export type AblationSettings = z.infer<typeof ablationSettingsSchema>;
export type GtbpSchedule = z.infer<typeof gtbpScheduleSchema>;
export type BudgetSettings = z.infer<typeof budgetSettingsSchema>;
export type SessionSettings = z.infer<typeof sessionSettingsSchema>;

/** What a caller may pass: the algorithm plus any subset of the other settings. */
export const sessionSettingsInputSchema = sessionSettingsSchema
  .omit({ gate: true, gtbp: true, budget: true, ablations: true, gepa: true })
  .partial()
  .extend({
    algorithm: algorithmNameSchema,
    ablations: ablationSettingsSchema.partial().optional(),
    gepa: gepaSettingsSchema.partial().optional(),
    gate: gateSettingsSchema.partial().optional(),
    gtbp: gtbpScheduleSchema.partial().optional(),
    budget: budgetSettingsSchema.optional(),
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
    sembpGradient: 'target',
    sembpUpdate: 'direct',
    // Measured by the credit benchmark (bench/7-credit.bench.ts, docs/benchmarks.md).
    backwardMode: 'weighed',
    gtbp: { m0: 3, mPlus: 1, mMinus: 2 },
    budget: {},
    passThreshold: 1,
    earlyStop: true,
    pauseForDecisions: false,
    valFraction: 0,
    ablations: { ...NO_ABLATIONS },
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
  const base = defaultSettings(parsed.algorithm);
  const { gepa: gepaInput, ...rest } = parsed;
  const merged: SessionSettings = {
    ...base,
    ...stripUndefined(rest),
    gate: { ...base.gate, ...stripUndefined(parsed.gate ?? {}) },
    gtbp: { ...base.gtbp, ...stripUndefined(parsed.gtbp ?? {}) },
    budget: { ...base.budget, ...stripUndefined(parsed.budget ?? {}) },
    ablations: { ...base.ablations, ...stripUndefined(parsed.ablations ?? {}) },
  };
  // GEPA's block is kept only for GEPA: the other algorithms' settings stay as they were.
  if (base.gepa) merged.gepa = { ...base.gepa, ...stripUndefined(gepaInput ?? {}) };
  return sessionSettingsSchema.parse(merged);
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
