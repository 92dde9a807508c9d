import { join } from 'node:path';
import { testSplitSkipped } from '@backflow/engine';
import { helpOption, parseCommandArgs } from '../cli/args';
import type { Command } from '../cli/command';
import { CliError, ExitCode } from '../cli/exit-codes';
import { dataMappingOptions, dataMappingUsage } from '../cli/load-data';
import { createProgress } from '../cli/progress';
import { driveSession } from '../optimize/driver';
import { finishRun, scoreTestOnce } from '../optimize/finish';
import { optimizeSettingOptions } from '../optimize/setup';
import { resumeRun, startRun } from '../optimize/start';
import { providerFlagOptions, providerFlagsUsage } from '../providers/provider-options';
import { alignCallLog, openCallLog } from '../report/call-log';
import { oneLine } from '../report/run-result';

const usage = `Usage: backflow optimize <workflow.json> [--data <file>] [--val <file> | --val-split F]
                        --algorithm gtbp|sembp|textgrad|gepa [--iterations N] [--batch-size B]
                        [--seed S] [--no-gate] [--budget-calls N] [--budget-usd X] --out <dir>
       backflow optimize --recipe NAME --data-dir <dir> --out <dir> [setting flags]
       backflow optimize --resume <dir> [provider options]

Optimizes the workflow's trainable prompts by backward passes, or by GEPA's reflective
prompt evolution (--algorithm gepa). Writes into <dir>:
  report.json              settings, per-iteration scores, blame, updates, totals (docs/cli.md)
  report.md                the same for people, with a unified diff of every prompt update
  workflow.optimized.json  the workflow with the final prompts (opens in the studio)
  checkpoint.json          the session state after every unit (data.json: its examples, written
                           once); --resume <dir> continues from it
                           to the same result an uninterrupted run reaches
  calls.jsonl              every model call: purpose, node, example, tokens, cost, messages, answer

Options:
  --data FILE              training examples (may be left out when <workflow.json> is a studio
                           export bundle with its dataset: the studio's train/val split is used)
  --val FILE               validation examples (default: examples of --data labelled "val")
  --val-split F            hold out a share F (0.01..0.9) of --data as validation, seeded
  --test FILE              held-out test examples, scored once with the final prompts after the
                           run (report.json "test"); never seen by the optimization
  --recipe NAME            a paper's setup (backflow recipes lists them; docs/recipes.md): its
                           graph, prompts, loss, settings, splits and models. Setting flags
                           given too override the recipe's; the test split is scored at the end
  --data-dir DIR           with --recipe: the folder holding the official files (e.g.
                           DIR/gsm8k/train.jsonl, DIR/bbh/<task>.json, DIR/liar/train.tsv,
                           DIR/hotpotqa/hotpot_dev_distractor_v1.json)
  --algorithm NAME         gtbp, sembp (semantic backpropagation), textgrad or gepa
  --iterations N           minibatch steps (default per algorithm: gtbp 5, sembp 4, textgrad 12,
                           gepa 20)
  --batch-size B           examples per minibatch (default: gtbp 8, sembp 8, textgrad 3, gepa 3)
  --error-batch-size b     examples back-propagated per step (default: gtbp 4, sembp 2, textgrad 3)
  --seed S                 seed of every sampling draw (default 1)
  --no-gate                accept every proposed update (default: each algorithm's own gate)
  --gate POLICY            none, strict (accept only a strict improvement) or nonWorsening
  --gate-on SET            what the gate scores: minibatch or validation
  --gate-scope SCOPE       full (all candidates at once) or perNode
  --backprop WHICH         back-propagate the failing examples of a minibatch, or all of them
  --sembp-gradient KIND    semantic backprop messages: target (how to change) or comment
  --backward-mode MODE     GTBP / semantic backprop steps: weighed (default) or faithful (the papers')
  --sembp-update STYLE     semantic backprop update: direct rewrite or critique (pros/cons first)
  --sembp-protocol P       semantic backprop: minibatch (a fresh minibatch each iteration) or paper
                           (errors and the gate on the whole training split, predictions reused)
  --counterfactual MODE    check each proposal alone on its failing examples: auto (on with the
                           simulator), on or off
  --gtbp-schedule M0,M+,M- GTBP edit budget: m0 edits, one new claim every m+ iterations, one edit
                           less every m- iterations (default 3,1,2)
  --no-early-stop          keep going after validation reaches 100%
  --merge on|off           GEPA: try merging two candidates' modules (default on)
  --max-merges N           GEPA: merges attempted at most (default 5)
  --max-candidates N       GEPA: stop once the pool holds N candidates (default 50)
  --max-rollouts N         GEPA: stop once N examples have been run and scored (GEPA's budget
                           in metric calls; checked after each iteration)
  --ablate NAMES           turn ablation switches on (comma-separated; docs/algorithms.md):
                           textgrad-mask-siblings (TextGrad's edge gradients do not see the
                           other inputs' values), sembp-no-siblings (semantic backprop asks
                           about each input alone), gtbp-no-reconcile (GTBP keeps every
                           successor's target), gtbp-no-budget (GTBP edits without its budget)
  --budget-calls N         stop before a unit would exceed N model calls (exit 4)
  --budget-tokens N        stop before a unit would exceed N tokens (exit 4)
  --budget-usd X           stop before a unit would exceed X US dollars (exit 4)
  --out DIR                where the report, the optimized workflow and the checkpoint go
  --resume DIR             continue the run checkpointed in DIR (its settings and data are used;
                           provider options may be given again, e.g. a different --concurrency)
  --json                   print report.json on stdout instead of the summary
  --quiet                  no progress on stderr
  -h, --help               this text

${dataMappingUsage}
${providerFlagsUsage}
Exit codes: 0 ok, 1 workflow or data error, 2 usage error (also: --api-key-env variable unset),
3 a model call failed after its retries (checkpoint kept: fix the cause, then --resume),
4 budget exhausted (report and optimized workflow written), 130 interrupted (checkpoint saved).
`;

const options = {
  ...helpOption,
  ...providerFlagOptions,
  ...dataMappingOptions,
  ...optimizeSettingOptions,
  data: { type: 'string' },
  val: { type: 'string' },
  'val-split': { type: 'string' },
  test: { type: 'string' },
  recipe: { type: 'string' },
  'data-dir': { type: 'string' },
  out: { type: 'string' },
  resume: { type: 'string' },
  json: { type: 'boolean' },
  quiet: { type: 'boolean' },
} as const;

/** `backflow optimize`: a checkpointed, resumable optimization session with a report. */
export const optimizeCommand: Command = {
  name: 'optimize',
  usage,
  async run(argv, io, signal) {
    const { values, positionals } = parseCommandArgs('optimize', argv, options);
    const processStartedAt = io.now();
    const started = values.resume
      ? await resumeRun(values, positionals, io, signal)
      : await startRun(values, positionals, io, signal);
    const { session, checkpoint, dir, models, base } = started;
    // The session counts calls, tokens and cost itself (its journal prices every settled call with
    // the provider layer's default price table); the call records only go to the log.
    // A checkpoint at unit 0 precedes every call; an older checkpoint without the field is left as is.
    const loggedBytes = checkpoint.callLogBytes ?? (checkpoint.session.unitIndex === 0 ? 0 : undefined);
    const callsPath = join(dir, 'calls.jsonl');
    const callLog = openCallLog(callsPath, await alignCallLog(callsPath, loggedBytes));
    models.onRecord = (record) => callLog.append(record);
    if (models.simulated) {
      io.stderr('Using the simulated model (offline): the report is marked as simulated.\n');
    }
    const progress = createProgress(io, 'optimize', 1, values.quiet === true);
    let outcome: Awaited<ReturnType<typeof driveSession>>;
    try {
      outcome = await driveSession({
        session,
        checkpoint,
        dir,
        models,
        callLog,
        io,
        signal,
        progress,
        base,
        processStartedAt,
      });
      const skipped = testSplitSkipped(checkpoint.session.stopReason);
      if (outcome.kind === 'done' && skipped && checkpoint.run.test?.examples.length)
        io.stderr(`optimize: the held-out test split is not scored: ${skipped}\n`);
      else if (outcome.kind === 'done') await scoreTestOnce(checkpoint, dir, models, io);
    } finally {
      await models.close();
      await callLog.flush();
    }
    switch (outcome.kind) {
      case 'interrupted':
        progress.finish('interrupted');
        io.stderr(`Checkpoint saved in ${dir}; continue with: backflow optimize --resume ${dir}\n`);
        return ExitCode.interrupted;
      case 'providerFailure':
        throw new CliError(
          `a model call failed after its retries: ${oneLine(outcome.message)} (checkpoint kept; fix the cause and run backflow optimize --resume ${dir})`,
          ExitCode.provider,
        );
      case 'failed':
        throw new CliError(`optimization failed: ${oneLine(outcome.message)}`, ExitCode.dataError);
      case 'done':
        break;
    }
    const report = await finishRun({
      checkpoint,
      dir,
      models,
      io,
      base,
      processStartedAt,
      json: values.json === true,
    });
    progress.finish(report.stopReason ?? undefined);
    return report.stopReason === 'budgetExhausted' ? ExitCode.budget : ExitCode.ok;
  },
};
