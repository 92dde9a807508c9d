import { join } from 'node:path';
import {
  buildOptimizeReport,
  type OptimizeReport,
  promptsOf,
  renderReportMarkdown,
  type SessionState,
  serializeCanonical,
  type Totals,
} from '@backflow/engine';
import { writeFileAtomic } from '../cli/files';
import type { CliCheckpoint } from '../report/checkpoint';

/** Assembles report.json from a checkpoint (session state + the engine's fold + counters). */
export function buildReport(
  checkpoint: CliCheckpoint,
  labels: { forward: string; optimizer: string },
  simulated: boolean,
  totals: Totals,
  finishedAt: string,
): OptimizeReport {
  const { session, collector, run } = checkpoint;
  const data: OptimizeReport['data'] = {
    file: run.dataFile,
    trainExamples: session.train.length,
    valExamples: session.val.length,
  };
  if (run.valFile !== undefined) data.valFile = run.valFile;
  const measured = session.valScore?.revision === session.revision ? session.valScore.score : undefined;
  return buildOptimizeReport(collector, {
    simulated,
    models: labels,
    workflow: { id: run.workflowId, name: run.workflowName, file: run.workflowFile },
    data,
    settings: session.settings,
    initialPrompts: promptsOf(session.initialWorkflow),
    finalPrompts: promptsOf(session.workflow),
    totals,
    resumes: checkpoint.counters.resumes,
    startedAt: run.startedAt,
    finishedAt,
    stopReason: session.stopReason ?? collector.stopReason ?? 'completed',
    ...(measured === undefined ? {} : { finalValScore: measured }),
    ...(run.recipe === undefined ? {} : { recipe: run.recipe }),
    ...(run.test !== undefined && checkpoint.testScore !== undefined
      ? { test: { ...checkpoint.testScore, file: run.test.file } }
      : {}),
  });
}

/** Writes report.json, report.md and workflow.optimized.json into `dir` (each atomically). */
export async function writeOutputs(dir: string, report: OptimizeReport, state: SessionState): Promise<void> {
  await writeFileAtomic(join(dir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  await writeFileAtomic(join(dir, 'report.md'), renderReportMarkdown(report));
  await writeFileAtomic(join(dir, 'workflow.optimized.json'), serializeCanonical(state.workflow));
}
