import { algorithmDefinition } from '../algorithms/registry';
import type { Workflow } from '../graph/schema';
import { buildGraphIndex } from '../graph/topology';
import { isTrainable, modelOverrideOf } from '../nodes/registry';
import { DEFAULT_PRICES, type PriceTable, priceFor } from '../providers/accounting';
import {
  backwardNodeCalls,
  counterfactualCalls,
  counterfactualOn,
  evaluationCalls,
  graphCounts,
} from './call-counts';
import { gateTarget } from './gate';
import type { CallTotals } from './journal';
import { batchSizeOf, forwardIterations } from './protocol';
import type { BudgetSettings, SessionSettings } from './settings';

/** Calls, tokens and dollars of some work (estimated or spent). */
export interface CostEstimate {
  calls: number;
  tokens: number;
  costUsd: number;
}

/** What a preflight assumes about calls it cannot see yet. */
export interface PreflightAssumptions {
  /** Tokens (input + output) per call; 1,500 unless told (a backward call with a few inputs). */
  tokensPerCall: number;
  /**
   * Dollars per million tokens. When not given, {@link estimatePreflight} derives it from `prices`
   * for the models in play ({@link blendedUsdPerMTok}); 0 means unknown or free.
   */
  usdPerMTok: number;
  /** The price table (default {@link DEFAULT_PRICES}: the one the provider layer and journal use). */
  prices?: PriceTable;
  /** Model names in play besides the workflow's own (e.g. the forward and optimizer models). */
  models?: string[];
  /** The simulator answers (then the counterfactual check's "auto" is on). */
  simulated?: boolean;
}

const DEFAULT_ASSUMPTIONS: PreflightAssumptions = { tokensPerCall: 1500, usdPerMTok: 0 };

/**
 * Share of a call's tokens that are input. Backward and update calls send whole traces and get a
 * short answer back, so most tokens are input; 0.8 prices a typical call without pretending to
 * know its exact split.
 */
export const INPUT_TOKEN_SHARE = 0.8;

/**
 * One dollars-per-million-tokens figure for a mix of models: the dearest of them (an estimate
 * meant to warn before money is spent should not under-price), each blended by
 * {@link INPUT_TOKEN_SHARE}. Models the table does not know are free (never an invented price).
 */
export function blendedUsdPerMTok(models: readonly string[], prices: PriceTable = DEFAULT_PRICES): number {
  let most = 0;
  for (const model of models) {
    const p = priceFor(model, prices);
    most = Math.max(most, INPUT_TOKEN_SHARE * p.inputPerMTok + (1 - INPUT_TOKEN_SHARE) * p.outputPerMTok);
  }
  return most;
}

/** The model names a workflow configures: its default and every node's override. */
export function workflowModels(workflow: Workflow): string[] {
  const names = new Set<string>();
  if (workflow.defaults.model) names.add(workflow.defaults.model);
  for (const node of workflow.nodes) {
    const model = modelOverrideOf(node);
    if (model) names.add(model);
  }
  return [...names];
}

/**
 * Fills in the price of a preflight from the price table for the configured models (the
 * workflow's and `assumptions.models`) unless `usdPerMTok` is given explicitly.
 */
export function resolveAssumptions(
  workflow: Workflow,
  assumptions: Partial<PreflightAssumptions> = {},
): PreflightAssumptions {
  const usdPerMTok =
    assumptions.usdPerMTok ??
    blendedUsdPerMTok([...workflowModels(workflow), ...(assumptions.models ?? [])], assumptions.prices);
  return { ...DEFAULT_ASSUMPTIONS, ...assumptions, usdPerMTok };
}

/** Sizes a preflight needs: how many examples each split holds. */
export interface DatasetSizes {
  train: number;
  val: number;
}

/** A preflight estimate with the calls of each kind of unit over the whole run. */
export interface PreflightEstimate extends CostEstimate {
  breakdown: {
    baseline: number;
    forward: number;
    loss: number;
    seed: number;
    backward: number;
    update: number;
    gate: number;
    validation: number;
    /** The counterfactual checks of the proposals (0 when the setting is off). */
    counterfactual: number;
  };
  perIteration: number;
}

/**
 * Upper estimate of a whole run from the documented formulas, assuming every iteration runs and
 * back-propagates a full error batch: per iteration B·L forward (+ B·O judge), the seed, the
 * backward calls of every node for b examples, N or 2N updates, the gate's evaluation
 * (G·L on its G examples per evaluation: one for scope full, N for per node; none without a gate),
 * the counterfactual check of every trainable node's proposal when on (b·L_down(v) each),
 * and the validation pass at the iteration's end (V·L, skipped when the gate already scores on
 * validation); plus one baseline validation pass. Cost: tokens priced by {@link resolveAssumptions}.
 */
export function estimatePreflight(
  settings: SessionSettings,
  workflow: Workflow,
  sizes: DatasetSizes,
  assumptions: Partial<PreflightAssumptions> = {},
): PreflightEstimate {
  const a = resolveAssumptions(workflow, assumptions);
  const counts = graphCounts(workflow);
  const val = sizes.val > 0 ? sizes.val : Math.round(sizes.train * settings.valFraction);
  const train = sizes.train - (sizes.val > 0 ? 0 : val);
  const B = batchSizeOf(settings, train);
  const b = Math.min(settings.errorBatchSize, B);
  const gateOnVal = gateTarget(settings, val) === 'validation';
  const G = gateOnVal ? val : B;
  const gateEvaluations =
    settings.gate.policy === 'none' ? 0 : settings.gate.scope === 'full' ? 1 : counts.trainable;

  const definition = algorithmDefinition(settings.algorithm);
  const own = definition.preflight?.(settings, workflow, { train, val });
  if (own) return preflightTotals(settings.iterations, settings.iterations, own.baseline, own.perIter, a);
  const method = settings.algorithm;
  const index = buildGraphIndex(workflow);
  const perIter = {
    forward: B * counts.llmNodes,
    loss: counts.judge ? B * counts.outputs : 0,
    seed: definition.calls.seed(counts, b),
    backward: workflow.nodes.reduce((sum, n) => sum + backwardNodeCalls(method, workflow, n.id, b, index), 0),
    update: counts.trainable * definition.calls.updatePerNode(settings),
    counterfactual: counterfactualOn(settings, a.simulated === true)
      ? workflow.nodes.reduce(
          (sum, n) => sum + (isTrainable(n) ? counterfactualCalls(workflow, n.id, b) : 0),
          0,
        )
      : 0,
    gate: gateEvaluations * evaluationCalls(counts, G),
    validation: val > 0 && !(gateOnVal && gateEvaluations > 0) ? evaluationCalls(counts, val) : 0,
  };
  const baseline = val > 0 ? evaluationCalls(counts, val) : 0;
  return preflightTotals(settings.iterations, forwardIterations(settings), baseline, perIter, a);
}

/** The whole run's estimate from one iteration's calls by part and the baseline. */
function preflightTotals(
  n: number,
  /** Iterations that run the minibatch forward (the paper protocol reuses predictions). */
  forwardN: number,
  baseline: number,
  perIter: Omit<PreflightEstimate['breakdown'], 'baseline'>,
  a: PreflightAssumptions,
): PreflightEstimate {
  const perIteration = Object.values(perIter).reduce((s, x) => s + x, 0);
  const breakdown = {
    baseline,
    // The paper protocol reuses predictions: forward (and loss) only where none carry over.
    forward: perIter.forward * forwardN,
    loss: perIter.loss * forwardN,
    seed: perIter.seed * n,
    backward: perIter.backward * n,
    update: perIter.update * n,
    gate: perIter.gate * n,
    validation: perIter.validation * n,
    counterfactual: perIter.counterfactual * n,
  };
  const calls = Object.values(breakdown).reduce((s, x) => s + x, 0);
  const tokens = calls * a.tokensPerCall;
  return { calls, tokens, costUsd: (tokens / 1e6) * a.usdPerMTok, breakdown, perIteration };
}

/**
 * Turns a unit's call count into a cost estimate, pricing each call at what calls have cost so far
 * in this session (or the preflight assumptions before the first call).
 */
export function estimateCost(
  calls: number,
  totals: CallTotals,
  assumptions: Partial<PreflightAssumptions> = {},
) {
  const a = { ...DEFAULT_ASSUMPTIONS, ...assumptions };
  const spentTokens = totals.inputTokens + totals.outputTokens;
  const tokensPerCall = totals.calls > 0 ? spentTokens / totals.calls : a.tokensPerCall;
  const costPerCall =
    totals.calls > 0 ? totals.costUsd / totals.calls : (a.tokensPerCall / 1e6) * a.usdPerMTok;
  const estimate: CostEstimate = {
    calls,
    tokens: Math.ceil(calls * tokensPerCall),
    costUsd: calls * costPerCall,
  };
  return estimate;
}

/** Which limit the next unit would break, or null when it fits. */
export function exceededLimit(budget: BudgetSettings, totals: CallTotals, next: CostEstimate): string | null {
  if (budget.maxCalls !== undefined && totals.calls + next.calls > budget.maxCalls) return 'maxCalls';
  const tokens = totals.inputTokens + totals.outputTokens;
  if (budget.maxTokens !== undefined && tokens + next.tokens > budget.maxTokens) return 'maxTokens';
  if (budget.maxCostUsd !== undefined && totals.costUsd + next.costUsd > budget.maxCostUsd)
    return 'maxCostUsd';
  return null;
}
