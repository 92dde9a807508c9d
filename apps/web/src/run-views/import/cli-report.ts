/**
 * A CLI run directory in the studio's run views: its `report.json` (`backflow.optimize-report`
 * v1, docs/cli.md) and, when given, its `calls.jsonl`. Everything is checked before anything is
 * shown (size and nesting by `readUntrustedJson`, then the shape with zod), and a bad file is
 * refused with a sentence that says what is wrong; nothing is stored either way.
 */
import type { CallRecord, OptimizeReport } from '@backflow/engine';
import * as z from 'zod';
import { readUntrustedJson } from '../../engine-adapters/parse';
import type { MetricSeries } from '../derive/metrics';

const score = z.number().min(0).max(1);
const count = z.number().int().min(0);
const money = z.number().min(0);

const updateSchema = z.object({
  nodeId: z.string(),
  accepted: z.boolean(),
  before: z.string(),
  after: z.string(),
  diff: z.string(),
  reason: z.string().optional(),
});

/** The fields the run views show; the rest of the report is kept as it is. */
const reportSchema = z
  .object({
    format: z.literal('backflow.optimize-report'),
    version: z.literal(1),
    simulated: z.boolean(),
    models: z.object({ forward: z.string(), optimizer: z.string() }),
    workflow: z.object({ id: z.string(), name: z.string(), file: z.string() }),
    data: z.object({ file: z.string(), trainExamples: count, valExamples: count }).loose(),
    algorithm: z.enum(['gtbp', 'sembp', 'textgrad']),
    seed: z.number().int(),
    settings: z.record(z.string(), z.unknown()),
    stopReason: z.enum(['completed', 'earlyStop', 'budgetExhausted']).nullable(),
    initial: z.object({ valScore: score.nullable(), calls: count, tokens: count, costUsd: money }),
    iterations: z
      .array(
        z
          .object({
            index: z.number().int().min(1),
            trainScore: score,
            valScore: score.nullable(),
            blame: z.record(z.string(), z.number()),
            updates: z.array(updateSchema),
            failedUpdates: z.array(z.object({ nodeId: z.string(), error: z.string() })),
            calls: count,
            tokens: count,
            costUsd: money,
          })
          .loose(),
      )
      .max(10_000),
    final: z.object({ valScore: score.nullable(), prompts: z.record(z.string(), z.string()) }),
    totals: z
      .object({
        calls: count,
        cachedCalls: count,
        failedCalls: count,
        tokens: count,
        inputTokens: count,
        outputTokens: count,
        costUsd: money,
        wallMs: z.number().min(0),
      })
      .loose(),
    resumes: count,
    startedAt: z.string(),
    finishedAt: z.string(),
    promptChanges: z
      .array(z.object({ nodeId: z.string(), before: z.string(), after: z.string(), diff: z.string() }))
      .optional(),
  })
  .loose();

const callSchema = z
  .object({
    callId: z.string(),
    purpose: z.enum(['forward', 'target', 'gradient', 'update', 'judge', 'repair', 'test']),
    nodeId: z.string().optional(),
    exampleId: z.string().optional(),
    callKey: z.string().optional(),
    model: z.string(),
    startedAt: z.number(),
    latencyMs: z.number().min(0),
    attempts: count,
    usage: z.object({ inputTokens: count, outputTokens: count }).loose(),
    costUsd: money,
    cached: z.boolean(),
    request: z
      .object({ messages: z.array(z.object({ role: z.string(), content: z.string() }).loose()) })
      .loose(),
    responseText: z.string().optional(),
    error: z.string().optional(),
  })
  .loose();

/** Whether parsed JSON is (meant to be) a CLI report: its `format` says so. */
export function isCliReport(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { format?: unknown }).format === 'backflow.optimize-report'
  );
}

/** The first problem zod found, as "where: what". */
function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'it does not have the report’s shape';
  const where = issue.path.length > 0 ? issue.path.join('.') : 'the file';
  return `${where}: ${issue.message}`;
}

export type ReadResult<T> = { ok: true; value: T } | { ok: false; message: string };

/** Reads and checks a report.json text. */
export function readCliReport(text: string): ReadResult<OptimizeReport> {
  const json = readUntrustedJson(text);
  if (!json.ok) return json;
  if (!isCliReport(json.value))
    return {
      ok: false,
      message: 'This is not a run report: its "format" is not "backflow.optimize-report".',
    };
  const version = (json.value as { version?: unknown }).version;
  if (version !== 1)
    return { ok: false, message: `This report is version ${String(version)}; this build reads version 1.` };
  const parsed = reportSchema.safeParse(json.value);
  if (!parsed.success)
    return {
      ok: false,
      message: `Nothing was imported: the report is malformed (${firstIssue(parsed.error)}).`,
    };
  return { ok: true, value: parsed.data as unknown as OptimizeReport };
}

/** Reads and checks a calls.jsonl text: one call record per line (blank lines skipped). */
export function readCallsJsonl(text: string, maxLines = 200_000): ReadResult<CallRecord[]> {
  const lines = text.split('\n');
  if (lines.length > maxLines)
    return { ok: false, message: `Nothing was imported: calls.jsonl has more than ${maxLines} lines.` };
  const calls: CallRecord[] = [];
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const json = readUntrustedJson(line);
    if (!json.ok)
      return { ok: false, message: `Nothing was imported: calls.jsonl line ${i + 1}: ${json.message}` };
    const parsed = callSchema.safeParse(json.value);
    if (!parsed.success)
      return {
        ok: false,
        message: `Nothing was imported: calls.jsonl line ${i + 1} is not a call record (${firstIssue(parsed.error)}).`,
      };
    calls.push(parsed.data as unknown as CallRecord);
  }
  return { ok: true, value: calls };
}

/** The report's iterations as the metric series the curves draw (cumulative calls, tokens, cost). */
export function reportSeries(report: OptimizeReport): MetricSeries {
  let calls = report.initial.calls;
  let tokens = report.initial.tokens;
  let cost = report.initial.costUsd;
  return {
    baselineValScore: report.initial.valScore,
    points: report.iterations.map((it) => {
      calls += it.calls;
      tokens += it.tokens;
      cost += it.costUsd;
      return {
        iteration: it.index,
        trainScore: it.trainScore,
        valScore: it.valScore,
        accepted: it.updates.filter((u) => u.accepted).length,
        rejected: it.updates.filter((u) => !u.accepted).length,
        failed: it.failedUpdates.length,
        cumulativeCalls: calls,
        cumulativeTokens: tokens,
        cumulativeCostUsd: cost,
      };
    }),
  };
}

/** A CLI run as the studio shows it. */
export interface ImportedRun {
  report: OptimizeReport;
  calls: CallRecord[];
  /** The names of the files it was read from. */
  files: string[];
}
