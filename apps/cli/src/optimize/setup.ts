import {
  type AblationSettings,
  ALGORITHMS,
  type Example,
  type SessionSettingsInput,
  splitDataset,
  stripUndefined,
  type Workflow,
} from '@backflow/engine';
import { readChoice, readInt, readNumber } from '../cli/args';
import { dataError, usageError } from '../cli/exit-codes';
import { resolvePath } from '../cli/files';
import type { CliIo } from '../cli/io';
import { loadExamples, type MappingFlags } from '../cli/load-data';
import { type GepaFlagValues, gepaSettingOptions, readGepaFlags } from './gepa-flags';

/** The optimization flags (settings of a new session). */
export const optimizeSettingOptions = {
  algorithm: { type: 'string' },
  iterations: { type: 'string' },
  'batch-size': { type: 'string' },
  'error-batch-size': { type: 'string' },
  seed: { type: 'string' },
  'no-gate': { type: 'boolean' },
  gate: { type: 'string' },
  'gate-on': { type: 'string' },
  'gate-scope': { type: 'string' },
  backprop: { type: 'string' },
  'sembp-gradient': { type: 'string' },
  'backward-mode': { type: 'string' },
  'sembp-update': { type: 'string' },
  'sembp-protocol': { type: 'string' },
  counterfactual: { type: 'string' },
  'gtbp-schedule': { type: 'string' },
  'no-early-stop': { type: 'boolean' },
  ablate: { type: 'string' },
  'budget-calls': { type: 'string' },
  'budget-tokens': { type: 'string' },
  'budget-usd': { type: 'string' },
  ...gepaSettingOptions,
} as const;

type BooleanSetting = 'no-gate' | 'no-early-stop';
/** The parsed values of {@link optimizeSettingOptions}. */
export type SettingValues = Partial<
  Record<Exclude<keyof typeof optimizeSettingOptions, BooleanSetting>, string>
> &
  Partial<Record<BooleanSetting, boolean>> &
  GepaFlagValues;

/**
 * Reads the session settings from the flags (usage errors exit 2). Absent flags take `base` (a
 * recipe's settings) when given, else the algorithm's defaults.
 */
export function readSettings(values: SettingValues, base?: SessionSettingsInput): SessionSettingsInput {
  const algorithm = readChoice('algorithm', values.algorithm, ALGORITHMS) ?? base?.algorithm;
  if (algorithm === undefined) throw usageError(`optimize needs --algorithm ${ALGORITHMS.join('|')}.`);
  // A recipe's settings belong to its algorithm; another algorithm starts from its own defaults.
  const settings: SessionSettingsInput =
    base?.algorithm === algorithm ? structuredClone(base) : { algorithm };
  Object.assign(settings, readSizeFlags(values), stripUndefined({ seed: readInt('seed', values.seed) }));
  readVariantSettings(values, settings);
  readGepaFlags(values, settings);
  const budget = readBudgetFlags(values);
  if (Object.keys(budget).length > 0) settings.budget = { ...settings.budget, ...budget };
  return settings;
}

/** `--iterations`, `--batch-size` and `--error-batch-size` where given (`experiment` reads them too). */
export function readSizeFlags(values: SettingValues) {
  return stripUndefined({
    iterations: readInt('iterations', values.iterations, { min: 1, max: 1000 }),
    batchSize: readInt('batch-size', values['batch-size'], { min: 1, max: 10_000 }),
    errorBatchSize: readInt('error-batch-size', values['error-batch-size'], { min: 1, max: 10_000 }),
  });
}

/** The `--budget-*` limits where given (`experiment` reads them too). */
export function readBudgetFlags(values: SettingValues) {
  return stripUndefined({
    maxCalls: readInt('budget-calls', values['budget-calls'], { min: 1 }),
    maxTokens: readInt('budget-tokens', values['budget-tokens'], { min: 1 }),
    maxCostUsd: readNumber('budget-usd', values['budget-usd'], { min: 0.000001 }),
  });
}

/** The flags that pick an algorithm's variant: gate, back-propagated examples, update style. */
function readVariantSettings(values: SettingValues, settings: SessionSettingsInput): void {
  if (values['no-gate'] && values.gate !== undefined)
    throw usageError('give either --no-gate or --gate, not both.');
  const gate: NonNullable<SessionSettingsInput['gate']> = {};
  const policy = values['no-gate']
    ? 'none'
    : readChoice('gate', values.gate, ['none', 'strict', 'nonWorsening'] as const);
  const on = readChoice('gate-on', values['gate-on'], ['minibatch', 'validation'] as const);
  const scope = readChoice('gate-scope', values['gate-scope'], ['full', 'perNode'] as const);
  if (policy !== undefined) gate.policy = policy;
  if (on !== undefined) gate.on = on;
  if (scope !== undefined) gate.scope = scope;
  if (Object.keys(gate).length > 0) settings.gate = { ...settings.gate, ...gate };
  const backprop = readChoice('backprop', values.backprop, ['failing', 'all'] as const);
  if (backprop !== undefined) settings.invertOnlyFailing = backprop === 'failing';
  const gradient = readChoice('sembp-gradient', values['sembp-gradient'], ['target', 'comment'] as const);
  if (gradient !== undefined) settings.sembpGradient = gradient;
  const mode = readChoice('backward-mode', values['backward-mode'], ['faithful', 'weighed'] as const);
  if (mode !== undefined) settings.backwardMode = mode;
  const update = readChoice('sembp-update', values['sembp-update'], ['direct', 'critique'] as const);
  if (update !== undefined) settings.sembpUpdate = update;
  const protocol = readChoice('sembp-protocol', values['sembp-protocol'], ['minibatch', 'paper'] as const);
  if (protocol !== undefined) settings.sembpProtocol = protocol;
  const check = readChoice('counterfactual', values.counterfactual, ['auto', 'on', 'off'] as const);
  if (check !== undefined) settings.counterfactual = check;
  if (values['gtbp-schedule'] !== undefined) {
    const parts = values['gtbp-schedule'].split(',');
    if (parts.length !== 3)
      throw usageError(
        `--gtbp-schedule takes M0,MPLUS,MMINUS, e.g. 3,1,2; got "${values['gtbp-schedule']}".`,
      );
    const [m0, mPlus, mMinus] = parts.map((p, i) =>
      readInt(`gtbp-schedule (${['M0', 'MPLUS', 'MMINUS'][i]})`, p.trim(), {
        min: i === 0 ? 0 : 1,
        max: 1000,
      }),
    );
    settings.gtbp = { m0: m0!, mPlus: mPlus!, mMinus: mMinus! };
  }
  if (values['no-early-stop']) settings.earlyStop = false;
  if (values.ablate !== undefined) settings.ablations = readAblations(values.ablate);
}

/** `--ablate` names (comma-separated) and the ablation switch each turns on. */
export const ABLATION_FLAGS = {
  'textgrad-mask-siblings': 'textgradMaskSiblings',
  'sembp-no-siblings': 'sembpNoSiblings',
  'gtbp-no-reconcile': 'gtbpNoReconcile',
  'gtbp-no-budget': 'gtbpNoBudget',
} as const satisfies Record<string, keyof AblationSettings>;

function readAblations(list: string): Partial<AblationSettings> {
  const out: Partial<AblationSettings> = {};
  for (const raw of list.split(',')) {
    const name = raw.trim();
    const key = ABLATION_FLAGS[name as keyof typeof ABLATION_FLAGS];
    if (key === undefined)
      throw usageError(
        `--ablate takes ${Object.keys(ABLATION_FLAGS).join(', ')} (comma-separated); got "${name}".`,
      );
    out[key] = true;
  }
  return out;
}

/** Training and validation examples, and where they came from. */
export interface OptimizeData {
  train: Example[];
  val: Example[];
  dataFile: string;
  valFile?: string;
}

/**
 * Loads the training data and the validation split: `--val FILE`, or `--val-split F` held out of
 * `--data` (seeded), or else the examples `--data` labels `val` (train = those labelled `train` or
 * unlabelled). Test-labelled examples are never used for optimization. Without `--data`, the
 * examples of a studio bundle (`bundled`, labelled with the studio's split) stand in for it.
 */
export async function loadOptimizeData(
  io: CliIo,
  workflow: Workflow,
  flags: MappingFlags & { data?: string; val?: string; 'val-split'?: string },
  seed: number,
  bundled?: { examples: Example[]; shownAs: string },
): Promise<OptimizeData> {
  if (flags.data === undefined && bundled === undefined)
    throw usageError('optimize needs --data FILE. Run `backflow optimize --help`.');
  if (flags.val !== undefined && flags['val-split'] !== undefined) {
    throw usageError('give either --val FILE or --val-split F, not both.');
  }
  const valSplit = readNumber('val-split', flags['val-split'], { min: 0.01, max: 0.9 });
  // --data wins over a dataset carried by a studio bundle.
  const dataFile = flags.data ?? bundled!.shownAs;
  const data =
    flags.data === undefined
      ? { examples: bundled!.examples }
      : await loadExamples(resolvePath(io.cwd, flags.data), flags.data, workflow, flags);
  const result: OptimizeData = { train: [], val: [], dataFile };
  if (flags.val !== undefined) {
    result.val = (await loadExamples(resolvePath(io.cwd, flags.val), flags.val, workflow, flags)).examples;
    result.valFile = flags.val;
    result.train = data.examples;
  } else if (valSplit !== undefined) {
    const split = splitDataset(data.examples, { train: 1 - valSplit, val: valSplit, test: 0, seed });
    result.train = split.train;
    result.val = split.val;
  } else {
    result.val = data.examples.filter((e) => e.split === 'val');
    result.train = data.examples.filter((e) => e.split === undefined || e.split === 'train');
  }
  if (result.train.length === 0) throw dataError(`dataset ${dataFile} leaves no training examples.`);
  return result;
}
