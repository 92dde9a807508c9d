import { join } from 'node:path';
import {
  type OptimizeReport,
  renderReportMarkdown,
  scoreTestSplit,
  serializeCanonical,
} from '@backflow/engine';
import { writeFileAtomic } from '../cli/files';
import type { CliIo } from '../cli/io';
import type { ModelSetup } from '../providers/build-models';
import { type CliCheckpoint, type CliCounters, saveCheckpoint } from '../report/checkpoint';
import { totalsFrom } from '../report/run-result';
import { cumulativeCounters } from './driver';
import { buildReport } from './outputs';

const pct = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`);

/** Writes the report files of a finished session and prints the summary (or the report with --json). */
export async function finishRun(args: {
  checkpoint: CliCheckpoint;
  dir: string;
  models: ModelSetup;
  io: CliIo;
  base: CliCounters;
  processStartedAt: number;
  json: boolean;
}): Promise<OptimizeReport> {
  const { checkpoint, dir, models, io } = args;
  const counters = cumulativeCounters(args.base, models.stats, io.now() - args.processStartedAt);
  const report = buildReport(
    checkpoint,
    models.labels,
    models.simulated || checkpoint.run.provider.provider === 'sim',
    totalsFrom(counters, counters.wallMs),
    new Date(io.now()).toISOString(),
  );
  await writeFileAtomic(join(dir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  await writeFileAtomic(join(dir, 'report.md'), renderReportMarkdown(report));
  await writeFileAtomic(
    join(dir, 'workflow.optimized.json'),
    serializeCanonical(checkpoint.session.workflow),
  );
  if (args.json) {
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    return report;
  }
  const model = report.simulated ? 'simulated model (offline)' : report.models.forward;
  const t = report.totals;
  io.stdout(
    `${report.workflow.name}: ${report.algorithm} on ${model}, ${report.iterations.length} iteration(s), stopped: ${report.stopReason}\n` +
      `validation score ${pct(report.initial.valScore)} -> ${pct(report.final.valScore)}; ${t.calls} calls, ${t.tokens} tokens, $${t.costUsd.toFixed(4)}\n` +
      (report.test
        ? `test score ${pct(report.test.score)} on ${report.test.examples} held-out examples${report.test.simulated ? ' (simulated model)' : ''}\n`
        : '') +
      `wrote ${join(dir, 'report.json')}, ${join(dir, 'report.md')}, ${join(dir, 'workflow.optimized.json')}\n`,
  );
  return report;
}

/**
 * Scores the final prompts on the run's held-out test split, once: the score is checkpointed, so a
 * run resumed after this point does not score (or pay for) it again. Call it while the models
 * are open (before `models.close()`).
 */
export async function scoreTestOnce(checkpoint: CliCheckpoint, dir: string, models: ModelSetup, io: CliIo) {
  const test = checkpoint.run.test;
  if (!test || test.examples.length === 0 || checkpoint.testScore) return;
  io.stderr(`optimize: scoring the final prompts on ${test.examples.length} held-out test examples\n`);
  checkpoint.testScore = await scoreTestSplit(models.ctx, checkpoint.session.workflow, test.examples);
  await saveCheckpoint(dir, checkpoint);
}
