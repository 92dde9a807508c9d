import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type ExperimentSpec,
  experimentChartSvg,
  experimentResult,
  gridPreflight,
  renderExperimentMarkdown,
  runExperiment,
} from '@backflow/engine';
import { helpOption, parseCommandArgs, readInt, requireFlag, requirePositionals } from '../cli/args';
import type { Command } from '../cli/command';
import { CliError, dataError, ExitCode, usageError } from '../cli/exit-codes';
import { resolvePath, writeFileAtomic } from '../cli/files';
import { dataMappingOptions, dataMappingUsage, loadExamples } from '../cli/load-data';
import { loadWorkflowFile } from '../cli/load-workflow';
import { createProgress } from '../cli/progress';
import { batchTestPass, checkBatchable } from '../experiment/batch-test-pass';
import { openExperimentStore } from '../experiment/file-store';
import { readArms, readSeeds, requireTest } from '../experiment/setup';
import { loadOptimizeData, readBudgetFlags, readSizeFlags } from '../optimize/setup';
import { buildModels } from '../providers/build-models';
import { applySimulatedEndpoints, probeSimulatedEndpoints } from '../providers/detect-sim';
import {
  type ProviderOptions,
  providerFlagOptions,
  providerFlagsUsage,
  readProviderOptions,
} from '../providers/provider-options';
import { oneLine } from '../report/run-result';

const usage = `Usage: backflow experiment <workflow.json> --data <file> [--val <file>] [--test <file>]
                          [--arms gtbp,sembp,textgrad,gepa | --arms-file arms.json] [--seeds 5]
                          [--iterations N] [--batch-size B] [--budget-calls N] --out <dir>
       backflow experiment --resume <dir> [--budget-calls N] [provider options]

Runs every arm (an algorithm, or an ablation: named settings) under every seed on one workflow,
scores each run's final prompts once on the held-out test split, and reports per arm the mean test
score with its 95% bootstrap interval, calls, tokens, cost and wall time, and between every two
arms a paired bootstrap and McNemar's exact test on the test examples. Writes into <dir>:
  experiment.json   every run and the summary
  experiment.md     the report, with curves.svg (every seed's validation curve, with a band)
  runs/, checkpoints/, spec.json   progress: --resume <dir> continues a stopped grid

Options:
  --data FILE        training examples (labelled "val" ones validate, "test" ones are the test split)
  --val FILE         validation examples
  --val-split F      hold out a share F (0.01..0.9) of --data as validation, seeded by the first seed
  --test FILE        test examples (default: the examples of --data labelled "test")
  --arms LIST        algorithm names, comma-separated: gtbp, sembp, textgrad, gepa
                     (default: all of them)
  --arms-file FILE   a JSON array of { "name", "settings" } (session settings, docs/cli.md)
  --seeds S          a count (1..S) or a comma-separated list (default 5)
  --iterations N, --batch-size B, --error-batch-size b
                     settings every arm shares (an arms file may override them)
  --budget-calls N, --budget-usd X
                     limits over the whole grid: it stops cleanly between two units (exit 4)
  --batch            score each run's test split through the endpoint's Batch API (OpenAI's
                     files and batches routes; half price; polled, and found again after a
                     restart); an endpoint without it falls back to the normal path
  --batch-poll-ms MS how often a batch is polled (default 5000)
  --dry-run          print the preflight estimate and exit
  --out DIR          where the results go
  --resume DIR       continue the grid in DIR
  --quiet            no progress on stderr
  -h, --help         this text

${dataMappingUsage}
${providerFlagsUsage}
Exit codes: 0 ok, 1 workflow or data error, 2 usage error, 3 a model call failed after its
retries (progress kept: --resume), 4 budget exhausted (partial report written), 130 interrupted.
`;

const options = {
  ...helpOption,
  ...providerFlagOptions,
  ...dataMappingOptions,
  data: { type: 'string' },
  val: { type: 'string' },
  'val-split': { type: 'string' },
  test: { type: 'string' },
  arms: { type: 'string' },
  'arms-file': { type: 'string' },
  seeds: { type: 'string' },
  iterations: { type: 'string' },
  'batch-size': { type: 'string' },
  'error-batch-size': { type: 'string' },
  'budget-calls': { type: 'string' },
  'budget-usd': { type: 'string' },
  'dry-run': { type: 'boolean' },
  batch: { type: 'boolean' },
  'batch-poll-ms': { type: 'string' },
  out: { type: 'string' },
  resume: { type: 'string' },
  quiet: { type: 'boolean' },
} as const;

/** Everything a grid needs to run again from its directory (`spec.json`); never an API key. */
interface StoredSpec extends ExperimentSpec {
  format: 'backflow.experiment-spec';
  version: 1;
  workflowFile: string;
  budget: NonNullable<ExperimentSpec['budget']>;
  provider: ProviderOptions;
}

type Values = ReturnType<typeof parseCommandArgs<typeof options>>['values'];

async function newSpec(values: Values, positionals: string[], io: Parameters<Command['run']>[1]) {
  const [workflowFile] = requirePositionals('experiment', positionals, ['workflow.json']) as [string];
  const path = (file: string) => resolvePath(io.cwd, file);
  const arms = await readArms(values, readSizeFlags(values), path);
  const seeds = readSeeds(values.seeds);
  const budget = readBudgetFlags(values);
  const provider = readProviderOptions(values);
  const { workflow } = await loadWorkflowFile(path(workflowFile), workflowFile, io);
  const data = await loadOptimizeData(io, workflow, values, seeds[0] ?? 1);
  const labelled = values.data
    ? (await loadExamples(path(values.data), values.data, workflow, values)).examples
    : [];
  const test = values.test
    ? (await loadExamples(path(values.test), values.test, workflow, values)).examples
    : labelled.filter((e) => e.split === 'test');
  const spec: StoredSpec = {
    format: 'backflow.experiment-spec',
    version: 1,
    workflowFile,
    workflow,
    train: data.train,
    val: data.val,
    test: requireTest(test, values.test ?? data.dataFile),
    arms,
    seeds,
    budget,
    provider,
  };
  return spec;
}

async function storedSpec(dir: string): Promise<StoredSpec> {
  const file = join(dir, 'spec.json');
  let spec: Partial<StoredSpec>;
  try {
    spec = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw dataError(`cannot resume: ${file} is missing or not JSON (${oneLine((error as Error).message)}).`);
  }
  if (spec?.format !== 'backflow.experiment-spec' || spec.version !== 1)
    throw dataError(`cannot resume: ${file} is not a backflow experiment (version 1).`);
  return spec as StoredSpec;
}

/** `backflow experiment`: a resumable grid of arms by seeds with intervals and paired tests. */
export const experimentCommand: Command = {
  name: 'experiment',
  usage,
  async run(argv, io, signal) {
    const { values, positionals } = parseCommandArgs('experiment', argv, options);
    if (values.resume !== undefined && values.out !== undefined)
      throw usageError('give either --out (a new experiment) or --resume (a stopped one), not both.');
    const dir = resolvePath(io.cwd, values.resume ?? requireFlag('experiment', 'out', values.out));
    if (!values.resume && existsSync(join(dir, 'spec.json')))
      throw usageError(
        `${dir} already holds an experiment: continue it with --resume ${dir}, or pick another --out.`,
      );
    const spec = values.resume ? await storedSpec(dir) : await newSpec(values, positionals, io);
    if (values.resume) {
      // A resumed grid may run on another endpoint or with a new budget; its arms and data stay.
      if (Object.keys(values).some((k) => k in providerFlagOptions))
        spec.provider = readProviderOptions(values);
      const budget = readBudgetFlags(values);
      if (Object.keys(budget).length > 0) spec.budget = budget;
    }
    const sizes = { train: spec.train.length, val: spec.val.length, test: spec.test.length };
    const estimate = gridPreflight(
      spec.workflow,
      spec.arms,
      spec.seeds,
      sizes,
      spec.provider.provider === 'sim' ? { usdPerMTok: 0 } : {},
    );
    const cost = estimate.costUsd > 0 ? `, about $${estimate.costUsd.toFixed(2)}` : '';
    io.stderr(
      `experiment: ${spec.arms.length} arms x ${spec.seeds.length} seeds = ${estimate.runs} runs on ${sizes.train} training, ${sizes.val} validation and ${sizes.test} test examples; preflight estimate: at most ${estimate.calls} calls (about ${estimate.tokens} tokens${cost})\n`,
    );
    if (values.batch) checkBatchable(spec.provider);
    if (values['dry-run']) return ExitCode.ok;
    await mkdir(dir, { recursive: true });
    if (!values.resume) await writeFileAtomic(join(dir, 'spec.json'), `${JSON.stringify(spec)}\n`);

    const models = await buildModels(spec.provider, io, signal, spec.workflow.defaults.model);
    applySimulatedEndpoints(models, await probeSimulatedEndpoints(spec.provider));
    if (models.simulated)
      io.stderr('Using the simulated model (offline): the report is marked as simulated.\n');
    const store = await openExperimentStore(dir);
    const progress = createProgress(io, 'experiment', estimate.runs, values.quiet === true);
    let runIndex = 0;
    const testPass = values.batch
      ? await batchTestPass({
          provider: spec.provider,
          models,
          dir,
          io,
          pollMs: readInt('batch-poll-ms', values['batch-poll-ms'], { min: 1, max: 3_600_000 }) ?? 5000,
          onStatus: (note) => progress.update(runIndex, note),
        })
      : undefined;
    let outcome: Awaited<ReturnType<typeof runExperiment>>;
    try {
      outcome = await runExperiment({ ...spec }, store, {
        context: () => models.ctx,
        signal,
        ...(testPass ? { testPass } : {}),
        onProgress: (p) => {
          runIndex = p.runIndex;
          progress.update(p.runIndex, `${p.arm} seed ${p.seed}, unit ${p.unit}`);
        },
      });
    } catch (error) {
      throw new CliError(
        `a run failed: ${oneLine((error as Error).message)} (progress kept; fix the cause and run backflow experiment --resume ${dir})`,
        ExitCode.provider,
      );
    } finally {
      await models.close();
    }
    progress.finish(outcome.stopped ?? 'done');
    const result = experimentResult(outcome, models.simulated);
    const { summary } = result;
    const markdown = renderExperimentMarkdown(summary, {
      workflowName: spec.workflow.name,
      seeds: spec.seeds,
      testExamples: spec.test.length,
      simulated: models.simulated,
      stopped: outcome.stopped,
      chartFile: 'curves.svg',
    });
    await writeFileAtomic(join(dir, 'experiment.json'), `${JSON.stringify(result, null, 2)}\n`);
    await writeFileAtomic(join(dir, 'experiment.md'), markdown);
    await writeFileAtomic(join(dir, 'curves.svg'), experimentChartSvg(summary.arms));
    io.stdout(markdown);
    if (outcome.stopped === 'aborted') {
      io.stderr(`Progress saved in ${dir}; continue with: backflow experiment --resume ${dir}\n`);
      return ExitCode.interrupted;
    }
    return outcome.stopped === 'budgetExhausted' ? ExitCode.budget : ExitCode.ok;
  },
};
