import { join } from 'node:path';
import type { OptimizeReport, Totals } from '@backflow/engine';
import { serializeWorkflow } from '@backflow/engine/graph/index.ts';
import type { SessionState } from '@backflow/engine/optim/state.ts';
import { writeFileAtomic } from '../cli/files';
import type { CliCheckpoint } from '../report/checkpoint';
import { renderReportMarkdown } from '../report/report-md';

/** The system prompt of every llm node, by node id: the prompts the report calls final. */
export function promptsOfWorkflow(state: SessionState): Record<string, string> {
  return Object.fromEntries(
    state.workflow.nodes.flatMap((n) => (n.kind === 'llm' ? [[n.id, n.systemPrompt]] : [])),
  );
}

/** Assembles report.json from a checkpoint (session state + collected events + counters). */
export function buildReport(
  checkpoint: CliCheckpoint,
  labels: { forward: string; optimizer: string },
  simulated: boolean,
  totals: Totals,
  finishedAt: string,
): OptimizeReport {
  const { session, collector, run } = checkpoint;
  const settings = session.settings;
  const data: OptimizeReport['data'] = {
    file: run.dataFile,
    trainExamples: session.train.length,
    valExamples: session.val.length,
  };
  if (run.valFile !== undefined) data.valFile = run.valFile;
  const extra: Partial<OptimizeReport> = {};
  if (run.recipe !== undefined) extra.recipe = run.recipe;
  if (run.test !== undefined && checkpoint.testScore !== undefined)
    extra.test = { ...checkpoint.testScore, file: run.test.file };
  const lastVal =
    session.valScore?.revision === session.revision ? session.valScore.score : collector.finalValScore;
  return {
    format: 'backflow.optimize-report',
    version: 1,
    simulated,
    models: labels,
    workflow: { id: run.workflowId, name: run.workflowName, file: run.workflowFile },
    data,
    algorithm: settings.algorithm,
    seed: settings.seed,
    settings: settings as unknown as Record<string, unknown>,
    stopReason: session.stopReason ?? collector.stopReason ?? 'completed',
    initial: {
      valScore: collector.initialValScore,
      calls: collector.baselineTotals.calls,
      tokens: collector.baselineTotals.inputTokens + collector.baselineTotals.outputTokens,
      costUsd: collector.baselineTotals.costUsd,
    },
    iterations: collector.iterations,
    final: { valScore: lastVal ?? null, prompts: promptsOfWorkflow(session) },
    ...extra,
    totals,
    resumes: checkpoint.counters.resumes,
    startedAt: run.startedAt,
    finishedAt,
  };
}

/** Writes report.json, report.md and workflow.optimized.json into `dir` (each atomically). */
export async function writeOutputs(dir: string, report: OptimizeReport, state: SessionState): Promise<void> {
  await writeFileAtomic(join(dir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  await writeFileAtomic(join(dir, 'report.md'), renderReportMarkdown(report));
  await writeFileAtomic(join(dir, 'workflow.optimized.json'), serializeWorkflow(state.workflow));
}
