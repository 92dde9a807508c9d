import { join } from 'node:path';
import type { OptimizeReport } from '@backflow/engine';
import type { CliIo } from '../cli/io';
import type { ModelSetup } from '../providers/build-models';
import type { CliCheckpoint, CliCounters } from '../report/checkpoint';
import { totalsFrom } from '../report/run-result';
import { cumulativeCounters } from './driver';
import { buildReport, writeOutputs } from './outputs';

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
  await writeOutputs(dir, report, checkpoint.session);
  if (args.json) {
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    return report;
  }
  const model = report.simulated ? 'simulated model (offline)' : report.models.forward;
  const t = report.totals;
  io.stdout(
    `${report.workflow.name}: ${report.algorithm} on ${model}, ${report.iterations.length} iteration(s), stopped: ${report.stopReason}\n` +
      `validation score ${pct(report.initial.valScore)} -> ${pct(report.final.valScore)}; ${t.calls} calls, ${t.tokens} tokens, $${t.costUsd.toFixed(4)}\n` +
      `wrote ${join(dir, 'report.json')}, ${join(dir, 'report.md')}, ${join(dir, 'workflow.optimized.json')}\n`,
  );
  return report;
}
