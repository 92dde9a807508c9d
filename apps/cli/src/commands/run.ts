import { runForward, scoreBatch } from '@backflow/engine';
import { helpOption, parseCommandArgs, readInt, requireFlag, requirePositionals } from '../cli/args';
import type { Command } from '../cli/command';
import { CliError, ExitCode, usageError } from '../cli/exit-codes';
import { requireWritableFile, resolvePath, writeFileAtomic } from '../cli/files';
import { checkMappingFlags, dataMappingOptions, dataMappingUsage, loadExamples } from '../cli/load-data';
import { loadWorkflowFile } from '../cli/load-workflow';
import { createProgress } from '../cli/progress';
import { markStart } from '../cli/start-trace';
import { buildModels } from '../providers/build-models';
import {
  applySimulatedEndpoints,
  probeSimulatedEndpoints,
  type SimulatedEndpoints,
} from '../providers/detect-sim';
import { providerFlagOptions, providerFlagsUsage, readProviderOptions } from '../providers/provider-options';
import { openCallLog } from '../report/call-log';
import { oneLine, type RunResult, renderScoreTable, totalsFrom } from '../report/run-result';

const usage = `Usage: backflow run <workflow.json> [--data <file>] [--limit N] [--split train|val|test]
                   [--out result.json] [--json] [provider options]

Runs the workflow forward on the examples, scores each answer with the workflow's loss, prints a
score table on stdout and (with --out) writes the full result as JSON: scores, per-node traces,
calls, tokens and cost.

Options:
  --data FILE        the examples (may be left out when <workflow.json> is a studio export
                     bundle that includes its dataset: its examples are used, split as the studio splits them)
  --split NAME       only the examples labelled with this split (train, val or test)
  --limit N          only the first N examples (after --split)
  --out FILE         write the result JSON here
  --calls FILE       append every model call record to FILE (JSON lines)
  --json             print the result (without traces) as JSON on stdout instead of the table
  --quiet            no progress on stderr
  -h, --help         this text

${dataMappingUsage}
${providerFlagsUsage}
Exit codes: 0 ok, 1 workflow or data error, 2 usage error (also: --api-key-env variable unset),
3 a model call failed after its retries (the result file is still written), 130 interrupted.
`;

const SIMULATED_NOTICE = 'Using the simulated model (offline): scores say nothing about real models.\n';

const options = {
  ...helpOption,
  ...providerFlagOptions,
  ...dataMappingOptions,
  data: { type: 'string' },
  split: { type: 'string' },
  limit: { type: 'string' },
  out: { type: 'string' },
  calls: { type: 'string' },
  json: { type: 'boolean' },
  quiet: { type: 'boolean' },
} as const;

/** `backflow run`: forward pass + loss over a dataset, a score table, a JSON result. */
export const runCommand: Command = {
  name: 'run',
  usage,
  async run(argv, io, signal) {
    const { values, positionals } = parseCommandArgs('run', argv, options);
    const [workflowFile] = requirePositionals('run', positionals, ['workflow.json']) as [string];
    const limit = readInt('limit', values.limit, { min: 1 });
    const split = values.split;
    if (split !== undefined && !['train', 'val', 'test'].includes(split)) {
      throw usageError(`--split must be one of train, val, test; got "${split}".`);
    }
    checkMappingFlags(values);
    if (values.out !== undefined) await requireWritableFile(resolvePath(io.cwd, values.out), 'out');
    if (values.calls !== undefined) await requireWritableFile(resolvePath(io.cwd, values.calls), 'calls');
    const providerOptions = readProviderOptions(values);
    const startedAt = io.now();
    markStart('args parsed');

    const loaded = await loadWorkflowFile(resolvePath(io.cwd, workflowFile), workflowFile, io);
    const { workflow } = loaded;
    markStart('workflow read');
    // A studio bundle may carry its dataset; an explicit --data always wins.
    const dataFile =
      values.data !== undefined || loaded.dataset === undefined
        ? requireFlag('run', 'data', values.data)
        : `${workflowFile} (dataset "${loaded.dataset.name}")`;
    const data =
      values.data === undefined && loaded.dataset
        ? { file: dataFile, examples: loaded.dataset.examples }
        : await loadExamples(resolvePath(io.cwd, dataFile), dataFile, workflow, values);
    let examples = split === undefined ? data.examples : data.examples.filter((e) => e.split === split);
    if (examples.length === 0)
      throw new CliError(`dataset ${dataFile} has no examples in split "${split}".`, ExitCode.dataError);
    if (limit !== undefined) examples = examples.slice(0, limit);
    markStart('data read');

    const models = await buildModels(providerOptions, io, signal, workflow.defaults.model);
    markStart('models built');
    // Whether a custom base URL is serve-sim only labels the result, so the /health probe runs
    // beside the first calls instead of costing a round trip before them (the cold start). It
    // starts on the next turn of the event loop, once the run below has sent its first requests.
    const probe = new Promise<SimulatedEndpoints>((resolve) => {
      setImmediate(() => resolve(probeSimulatedEndpoints(providerOptions)));
    });
    const callLog = values.calls ? openCallLog(resolvePath(io.cwd, values.calls)) : undefined;
    if (callLog) models.onRecord = (record) => callLog.append(record);
    if (models.simulated) io.stderr(SIMULATED_NOTICE);
    const progress = createProgress(io, 'run', examples.length, values.quiet === true);
    let finished = 0;
    let traces: Awaited<ReturnType<typeof runForward>>;
    let batch: Awaited<ReturnType<typeof scoreBatch>>;
    try {
      traces = await runForward(models.ctx, {
        workflow,
        examples,
        onEvent: (event) => {
          if (event.type === 'exampleFinished') progress.update(++finished);
        },
      });
      batch = await scoreBatch(models.ctx, workflow, examples, traces);
    } catch (error) {
      if (signal.aborted) throw new CliError('interrupted; no result written.', ExitCode.interrupted);
      throw error;
    } finally {
      await models.close();
      await callLog?.flush();
    }
    progress.finish(`mean score ${batch.mean.toFixed(3)}`);
    const simulatedInProcess = models.simulated;
    applySimulatedEndpoints(models, await probe);
    if (models.simulated && !simulatedInProcess) io.stderr(SIMULATED_NOTICE);

    const result: RunResult = {
      format: 'backflow.run-result',
      version: 1,
      simulated: models.simulated,
      models: models.labels,
      workflow: { id: workflow.id, name: workflow.name, file: workflowFile },
      data: {
        file: dataFile,
        ...(split ? { split } : {}),
        ...(limit ? { limit } : {}),
        examples: examples.length,
      },
      meanScore: batch.mean,
      passed: batch.scores.filter((s) => s.passed).length,
      scores: batch.scores,
      totals: totalsFrom(models.stats, io.now() - startedAt),
      startedAt: new Date(startedAt).toISOString(),
      finishedAt: new Date(io.now()).toISOString(),
      traces,
    };
    if (values.out)
      await writeFileAtomic(resolvePath(io.cwd, values.out), `${JSON.stringify(result, null, 2)}\n`);
    if (values.json) {
      const { traces: _omitted, ...summary } = result;
      io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
    } else {
      io.stdout(renderScoreTable(result));
    }
    if (models.stats.failedCalls > 0) {
      throw new CliError(
        `${models.stats.failedCalls} model call(s) failed after retries: ${oneLine(models.stats.firstFailure ?? 'unknown error')}`,
        ExitCode.provider,
      );
    }
    return ExitCode.ok;
  },
};
