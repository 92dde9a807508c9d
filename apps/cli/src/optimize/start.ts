import {
  type Example,
  emptyReportFold,
  estimatePreflight,
  type Recipe,
  Session,
  type Workflow,
} from '@backflow/engine';
import { requireFlag, requirePositionals } from '../cli/args';
import { dataError, usageError } from '../cli/exit-codes';
import { requireOutputDir, resolvePath } from '../cli/files';
import type { CliIo } from '../cli/io';
import { checkMappingFlags, loadExamples, type MappingFlags } from '../cli/load-data';
import { loadWorkflowFile } from '../cli/load-workflow';
import { buildModels, emptyStats, type ModelSetup } from '../providers/build-models';
import { applySimulatedEndpoints, probeSimulatedEndpoints } from '../providers/detect-sim';
import {
  anyProviderFlag,
  type providerFlagOptions,
  readProviderOptions,
} from '../providers/provider-options';
import { type CliCheckpoint, type CliCounters, loadCheckpoint, saveCheckpoint } from '../report/checkpoint';
import { loadRecipeRunData, readRecipe } from './recipe-data';
import {
  loadOptimizeData,
  type OptimizeData,
  optimizeSettingOptions,
  readSettings,
  type SettingValues,
} from './setup';

/** A session ready to drive, with where it checkpoints and what it counted before. */
export interface StartedRun {
  session: Session;
  checkpoint: CliCheckpoint;
  dir: string;
  models: ModelSetup;
  base: CliCounters;
}

type ProviderValues = Partial<Record<keyof typeof providerFlagOptions, string>>;
/** The parsed flags `optimize` hands to {@link startRun} and {@link resumeRun}. */
export type OptimizeValues = ProviderValues &
  SettingValues &
  MappingFlags & {
    data?: string;
    val?: string;
    'val-split'?: string;
    test?: string;
    recipe?: string;
    'data-dir'?: string;
    out?: string;
    resume?: string;
  };

/** Starts a new run: reads everything, creates the session, saves the first checkpoint. */
export async function startRun(
  values: OptimizeValues,
  positionals: string[],
  io: CliIo,
  signal: AbortSignal,
): Promise<StartedRun> {
  const dir = resolvePath(io.cwd, requireFlag('optimize', 'out', values.out));
  await requireOutputDir(dir, 'out');
  checkMappingFlags(values);
  const recipe = values.recipe !== undefined ? readRecipe(values.recipe) : undefined;
  const settings = readSettings(values, recipe?.settings);
  const provider = readProviderOptions(values);
  const { workflowFile, workflow, data } = recipe
    ? await recipeInputs(recipe, values, positionals, io, settings.seed ?? 1)
    : await fileInputs(values, positionals, io, settings.seed ?? 1);
  if (recipe) {
    // The paper's models are the defaults; --model / --optimizer-model change them.
    provider.model ??= recipe.models.forward;
    provider.optimizerModel ??= recipe.models.optimizer;
    io.stderr(
      `optimize: recipe ${recipe.name} (${recipe.title}); models: forward ${provider.model}, optimizer ${provider.optimizerModel}${provider.provider === 'sim' ? ' (names only: the simulated model answers)' : ''}\n`,
    );
  }
  const models = await buildModels(provider, io, signal, workflow.defaults.model);
  applySimulatedEndpoints(models, await probeSimulatedEndpoints(provider));
  // "auto" means on with the simulator, in-process or `serve-sim` over HTTP alike (the session
  // itself only sees the in-process simulator's flag).
  if (settings.counterfactual === undefined && models.simulated) settings.counterfactual = 'on';
  let session: Session;
  try {
    session = Session.create(models.ctx, { workflow, train: data.train, val: data.val, settings });
  } catch (error) {
    throw dataError(`cannot start the optimization: ${describeSettingsError(error)}`);
  }
  // Priced from the same default table the provider layer and the session's journal use.
  const configured = [provider.model, provider.optimizerModel].filter((m): m is string => m !== undefined);
  const estimate = estimatePreflight(
    session.state.settings,
    workflow,
    { train: data.train.length, val: data.val.length },
    provider.provider === 'sim'
      ? { usdPerMTok: 0, simulated: true }
      : { models: configured, simulated: models.simulated },
  );
  const cf = estimate.breakdown.counterfactual;
  const checks = cf > 0 ? `, ${cf} of them counterfactual checks` : '';
  const cost = estimate.costUsd > 0 ? `, about $${estimate.costUsd.toFixed(2)}` : '';
  io.stderr(
    `optimize: ${settings.algorithm}, ${session.state.train.length} training and ${session.state.val.length} validation examples; preflight estimate: at most ${estimate.calls} calls (${estimate.perIteration} per iteration${checks}${cost})\n`,
  );
  if (session.state.val.length === 0) {
    io.stderr(
      'optimize: warning: no validation examples (give --val FILE or --val-split F); the report will have no validation scores.\n',
    );
  }
  const base: CliCounters = { ...emptyStats(), wallMs: 0, resumes: 0 };
  const run: CliCheckpoint['run'] = {
    workflowFile,
    workflowId: workflow.id,
    workflowName: workflow.name,
    dataFile: data.dataFile,
    provider,
    startedAt: new Date(io.now()).toISOString(),
  };
  if (data.valFile !== undefined) run.valFile = data.valFile;
  if (recipe) run.recipe = recipe.name;
  if (data.test && data.test.examples.length > 0) run.test = data.test;
  const checkpoint: CliCheckpoint = {
    format: 'backflow.cli-checkpoint',
    version: 2,
    savedAt: run.startedAt,
    run,
    session: session.state,
    collector: emptyReportFold(),
    counters: base,
  };
  // Saved before the first unit, so even a kill during it leaves something to resume.
  await saveCheckpoint(dir, checkpoint);
  return { session, checkpoint, dir, models, base };
}

/** The workflow and data of a run: from files (`<workflow.json> --data ...`) or from a recipe. */
interface RunInputs {
  workflowFile: string;
  workflow: Workflow;
  data: OptimizeData & { test?: { file: string; examples: Example[] } };
}

async function fileInputs(
  values: OptimizeValues,
  positionals: string[],
  io: CliIo,
  seed: number,
): Promise<RunInputs> {
  if (values['data-dir'] !== undefined) throw usageError('--data-dir goes with --recipe NAME.');
  const [workflowFile] = requirePositionals('optimize', positionals, ['workflow.json']) as [string];
  const loaded = await loadWorkflowFile(resolvePath(io.cwd, workflowFile), workflowFile, io);
  const { workflow } = loaded;
  const bundled = loaded.dataset
    ? { examples: loaded.dataset.examples, shownAs: `${workflowFile} (dataset "${loaded.dataset.name}")` }
    : undefined;
  const data: RunInputs['data'] = await loadOptimizeData(io, workflow, values, seed, bundled);
  if (values.test !== undefined) {
    const examples = (await loadExamples(resolvePath(io.cwd, values.test), values.test, workflow, values))
      .examples;
    data.test = { file: values.test, examples };
  }
  return { workflowFile, workflow, data };
}

async function recipeInputs(
  recipe: Recipe,
  values: OptimizeValues,
  positionals: string[],
  io: CliIo,
  seed: number,
): Promise<RunInputs> {
  requirePositionals(`optimize --recipe ${recipe.name}`, positionals, []);
  const fileFlags = (['data', 'val', 'val-split', 'test'] as const).filter((f) => values[f] !== undefined);
  if (fileFlags.length > 0)
    throw usageError(
      `--recipe reads its own files and splits from --data-dir; drop ${fileFlags.map((f) => `--${f}`).join(', ')}.`,
    );
  const dataDir = requireFlag(`optimize --recipe ${recipe.name}`, 'data-dir', values['data-dir']);
  const loaded = await loadRecipeRunData(io, recipe, dataDir, seed);
  return {
    workflowFile: `recipe:${recipe.name}`,
    workflow: recipe.workflow,
    data: {
      train: loaded.train,
      val: loaded.val,
      dataFile: `${dataDir}: ${loaded.files}`,
      test: { file: `${dataDir}: ${loaded.files} (test split)`, examples: loaded.test },
    },
  };
}

/** Continues a checkpointed run; settings and data come from the checkpoint, never from flags. */
export async function resumeRun(
  values: OptimizeValues,
  positionals: string[],
  io: CliIo,
  signal: AbortSignal,
): Promise<StartedRun> {
  requirePositionals('optimize --resume', positionals, []);
  const fixed = [
    'data',
    'val',
    'val-split',
    'test',
    'recipe',
    'data-dir',
    ...Object.keys(optimizeSettingOptions),
  ] as const;
  const given = fixed.filter((flag) => values[flag as keyof OptimizeValues] !== undefined);
  if (given.length > 0) {
    throw usageError(
      `--resume continues with the checkpoint's own settings and data; drop ${given.map((f) => `--${f}`).join(', ')}.`,
    );
  }
  const from = resolvePath(io.cwd, values.resume!);
  const dir = values.out === undefined ? from : resolvePath(io.cwd, values.out);
  if (values.out !== undefined) await requireOutputDir(dir, 'out');
  const checkpoint = await loadCheckpoint(from);
  const provider = anyProviderFlag(values) ? readProviderOptions(values) : checkpoint.run.provider;
  const models = await buildModels(provider, io, signal, checkpoint.session.workflow.defaults.model);
  applySimulatedEndpoints(models, await probeSimulatedEndpoints(provider));
  let session: Session;
  try {
    session = Session.fromState(checkpoint.session, models.ctx);
  } catch (error) {
    throw dataError(`cannot resume from ${from}: ${describeSettingsError(error)}`);
  }
  checkpoint.session = session.state;
  const base: CliCounters = { ...checkpoint.counters, resumes: checkpoint.counters.resumes + 1 };
  checkpoint.counters = base;
  const s = session.state;
  io.stderr(
    `optimize: resuming ${from} at unit ${s.unitIndex}, iteration ${s.iteration} (${s.phase.kind})\n`,
  );
  return { session, checkpoint, dir, models, base };
}

/**
 * One line for a settings error: a schema error (zod) lists its issues as `path: message`, never
 * as a multi-line JSON dump.
 */
function describeSettingsError(error: unknown): string {
  const issues = (error as { issues?: { path?: PropertyKey[]; message?: string }[] } | null)?.issues;
  if (!Array.isArray(issues)) return error instanceof Error ? error.message : String(error);
  return issues.map((i) => `${(i.path ?? []).map(String).join('.') || 'settings'}: ${i.message}`).join('; ');
}
