/**
 * The Experiments view's pure side: the arms a person can pick (an algorithm, or an ablation of
 * one), the grid's spec and preflight, the per-run table, and the exports. Statistics, the
 * Markdown report and the chart are the engine's own (`summarizeExperiment`,
 * `renderExperimentMarkdown`, `experimentChartSvg`): the studio never keeps a second copy.
 */
import {
  type AlgorithmName,
  type Example,
  type ExperimentArm,
  type ExperimentProgress,
  type ExperimentResult,
  type ExperimentRun,
  type ExperimentSpec,
  type ExperimentSummary,
  experimentChartSvg,
  experimentResult,
  type GridPreflight,
  gridPreflight,
  type PreflightAssumptions,
  renderExperimentMarkdown,
  runKey,
  type SessionSettingsInput,
  type Workflow,
} from '@backflow/engine';

/** One arm a person can tick: its name in reports, a label, and the settings it changes. */
export interface ArmChoice {
  name: string;
  label: string;
  algorithm: AlgorithmName;
  settings: Omit<SessionSettingsInput, 'algorithm'>;
}

/** The algorithms and their ablations (docs/algorithms.md, "Ablations"). */
export const ARM_CHOICES: readonly ArmChoice[] = [
  { name: 'sembp', label: 'Semantic backprop', algorithm: 'sembp', settings: {} },
  {
    name: 'sembp-paper',
    label: 'Semantic backprop, paper protocol',
    algorithm: 'sembp',
    settings: { sembpProtocol: 'paper' },
  },
  {
    name: 'sembp-no-siblings',
    label: 'Semantic backprop without sibling information',
    algorithm: 'sembp',
    settings: { ablations: { sembpNoSiblings: true } },
  },
  {
    name: 'sembp-no-gate',
    label: 'Semantic backprop without the gate',
    algorithm: 'sembp',
    settings: { gate: { policy: 'none' } },
  },
  { name: 'textgrad', label: 'TextGrad', algorithm: 'textgrad', settings: {} },
  {
    name: 'textgrad-mask-siblings',
    label: 'TextGrad with masked sibling inputs',
    algorithm: 'textgrad',
    settings: { ablations: { textgradMaskSiblings: true } },
  },
  { name: 'gtbp', label: 'GTBP', algorithm: 'gtbp', settings: {} },
  {
    name: 'gtbp-no-reconcile',
    label: 'GTBP without reconciliation',
    algorithm: 'gtbp',
    settings: { ablations: { gtbpNoReconcile: true } },
  },
  {
    name: 'gtbp-no-budget',
    label: 'GTBP without the edit budget',
    algorithm: 'gtbp',
    settings: { ablations: { gtbpNoBudget: true } },
  },
];

/** Settings every arm shares, as the form sets them (absent: each arm's own). */
export interface SharedSettings {
  iterations?: number;
  batchSize?: number;
}

/**
 * The arms of the grid from the ticked choices. An arm of the recipe's algorithm starts from the
 * recipe's settings (its paper's), another from its algorithm's defaults; then the choice's
 * switches, then the shared settings.
 */
export function armsOf(
  names: readonly string[],
  shared: SharedSettings,
  base?: SessionSettingsInput,
): ExperimentArm[] {
  return ARM_CHOICES.filter((c) => names.includes(c.name)).map((choice) => {
    const start: SessionSettingsInput =
      base?.algorithm === choice.algorithm ? structuredClone(base) : { algorithm: choice.algorithm };
    const settings: SessionSettingsInput = {
      ...start,
      ...choice.settings,
      ...(choice.settings.ablations
        ? { ablations: { ...start.ablations, ...choice.settings.ablations } }
        : {}),
      ...(choice.settings.gate ? { gate: { ...start.gate, ...choice.settings.gate } } : {}),
      ...(shared.iterations !== undefined ? { iterations: shared.iterations } : {}),
      ...(shared.batchSize !== undefined ? { batchSize: shared.batchSize } : {}),
    };
    return { name: choice.name, settings };
  });
}

/** Seeds from the form: a list ("1, 2, 7") or, for one number n, the seeds 1..n. */
export function parseSeeds(text: string): number[] | string {
  const parts = text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (parts.length === 0) return 'Give at least one seed.';
  const numbers = parts.map(Number);
  if (numbers.some((n) => !Number.isInteger(n))) return 'Seeds are whole numbers, e.g. "1, 2, 3" or "3".';
  if (numbers.length === 1) {
    const n = numbers[0]!;
    if (n < 1 || n > 50) return 'One number n runs the seeds 1..n: give 1 to 50.';
    return Array.from({ length: n }, (_, i) => i + 1);
  }
  if (new Set(numbers).size !== numbers.length) return 'The seeds must differ.';
  return numbers;
}

/** The examples of a dataset by split (examples without a split are training examples). */
export function splitsOf(examples: readonly Example[]): Pick<ExperimentSpec, 'train' | 'val' | 'test'> {
  return {
    train: examples.filter((e) => e.split === undefined || e.split === 'train'),
    val: examples.filter((e) => e.split === 'val'),
    test: examples.filter((e) => e.split === 'test'),
  };
}

/** Why the grid cannot start, one sentence each (none: it can). */
export function specProblems(spec: Pick<ExperimentSpec, 'train' | 'test' | 'arms' | 'seeds'>): string[] {
  const out: string[] = [];
  if (spec.arms.length === 0) out.push('Tick at least one arm.');
  if (spec.seeds.length === 0) out.push('Give at least one seed.');
  if (spec.train.length === 0) out.push('The data has no training examples.');
  if (spec.test.length === 0)
    out.push('The data has no test split: every run is scored once on held-out test examples.');
  return out;
}

/** The whole grid's preflight (the engine's, as `backflow experiment` prints it). */
export function preflightOf(
  spec: Pick<ExperimentSpec, 'workflow' | 'train' | 'val' | 'test' | 'arms' | 'seeds'>,
  assumptions: Partial<PreflightAssumptions> = {},
): GridPreflight {
  return gridPreflight(
    spec.workflow,
    spec.arms,
    spec.seeds,
    { train: spec.train.length, val: spec.val.length, test: spec.test.length },
    assumptions,
  );
}

/** One cell of the grid as the table shows it. */
export interface RunRowView {
  key: string;
  arm: string;
  seed: number;
  status: 'done' | 'running' | 'pending';
  /** Units done so far (the running cell). */
  unit?: number;
  run?: ExperimentRun;
}

/** Every cell of the grid, arms outermost, with its run when finished. */
export function gridRows(
  spec: Pick<ExperimentSpec, 'arms' | 'seeds'>,
  runs: readonly ExperimentRun[],
  progress: ExperimentProgress | null,
): RunRowView[] {
  // By key, not a search per cell: the table is derived again on every frame of progress.
  const byKey = new Map(runs.map((r) => [runKey(r.arm, r.seed), r]));
  return spec.arms.flatMap((arm) =>
    spec.seeds.map((seed) => {
      const key = runKey(arm.name, seed);
      const run = byKey.get(key);
      if (run) return { key, arm: arm.name, seed, status: 'done' as const, run };
      const live = progress && progress.arm === arm.name && progress.seed === seed;
      return live
        ? { key, arm: arm.name, seed, status: 'running' as const, unit: progress.unit }
        : { key, arm: arm.name, seed, status: 'pending' as const };
    }),
  );
}

/** What the exports say about how the grid ran. */
export interface ExportContext {
  workflow: Workflow;
  seeds: number[];
  testExamples: number;
  simulated: boolean;
  stopped: null | 'aborted' | 'budgetExhausted';
}

/**
 * The engine's result of the finished runs so far (their summary with the bootstrap intervals,
 * what they spent), before the grid has stopped: computed once per list of runs, while how the
 * grid stopped is only known to the exports. `summary`, when given, is the engine's summary of
 * these very runs computed elsewhere (by the experiment host, off the page's thread).
 */
export function resultOf(
  runs: readonly ExperimentRun[],
  simulated: boolean,
  summary?: ExperimentSummary,
): ExperimentResult {
  const spent = spentOf(runs);
  if (!summary) return experimentResult({ runs: [...runs], stopped: null, spent }, simulated);
  // The engine's result of no runs has no summary to compute; the given one goes in its place.
  return { ...experimentResult({ runs: [], stopped: null, spent }, simulated), summary, runs: [...runs] };
}

/**
 * The three exports of `result` (from {@link resultOf}): `experiment.json`, `experiment.md` (the
 * chart beside it) and `curves.svg`, with how the grid stopped from `context`.
 */
export function experimentExports(
  runsResult: ExperimentResult,
  context: ExportContext,
): { result: ExperimentResult; json: string; markdown: string; svg: string } {
  const result: ExperimentResult = { ...runsResult, stopped: context.stopped };
  return {
    result,
    json: `${JSON.stringify(result, null, 2)}\n`,
    markdown: renderExperimentMarkdown(result.summary, {
      workflowName: context.workflow.name,
      seeds: context.seeds,
      testExamples: context.testExamples,
      simulated: context.simulated,
      stopped: context.stopped,
      chartFile: 'curves.svg',
    }),
    svg: experimentChartSvg(result.summary.arms),
  };
}

/** The sum of the runs' totals (what the finished runs spent). */
export function spentOf(runs: readonly ExperimentRun[]): ExperimentRun['totals'] {
  return runs.reduce(
    (t, r) => ({
      calls: t.calls + r.totals.calls,
      inputTokens: t.inputTokens + r.totals.inputTokens,
      outputTokens: t.outputTokens + r.totals.outputTokens,
      costUsd: t.costUsd + r.totals.costUsd,
    }),
    { calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 },
  );
}
