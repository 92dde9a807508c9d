/**
 * The run history's list: every optimization run of a workflow with what its row shows, read from
 * the run rows alone (their digest, run-views/derive/digest.ts). The `runEvents` and `calls` tables grow with
 * every call a run makes (a run of 10,000 calls took the history past a second to list), so they
 * are read here only for a run whose row has no digest yet (stored before schema version 5, or
 * its digest did not read): once, checked as Open checks them (`run-reads.ts`), and the digest
 * written back.
 */

import { digestOf, type RunDigest } from '../run-views/derive/digest';
import { type MetricSeries, seriesOf } from '../run-views/derive/metrics';
import { type HistorySummary, summaryOf } from '../run-views/derive/summary';
import type { BackflowDb, RunRow } from './db';
import type { QuarantineNotice } from './quarantine';
import { readRunCallRows, readRunEventRows, reportSetAside, type SetAsideReport } from './run-reads';
import { readable, readRunRow } from './run-rows';
import { eventOf, writeDigest } from './runs';

/** One row of the history: the run, its summary and its curves. */
export interface ListedRun {
  run: RunRow;
  summary: HistorySummary;
  series: MetricSeries;
}

/**
 * Every optimization run of `workflowId`, newest first, with its summary and curves (a run
 * without a digest has it built and stored; rows of it that do not read are set aside then, and
 * `report` told once).
 */
export async function listRuns(
  db: BackflowDb,
  workflowId: string,
  report?: SetAsideReport,
): Promise<ListedRun[]> {
  const runs = readable(await db.runs.where('workflowId').equals(workflowId).toArray(), readRunRow)
    .filter((r) => r.kind === 'optimize')
    .sort((a, b) => b.startedAt - a.startedAt);
  const setAside: { setAside: QuarantineNotice[] }[] = [];
  const listed: ListedRun[] = [];
  for (const run of runs) {
    const digest = run.digest ?? (await backfill(db, run.id, setAside));
    listed.push({ run: { ...run, digest }, summary: summaryOf(digest), series: seriesOf(digest) });
  }
  reportSetAside(report, setAside);
  return listed;
}

/** Builds a run's digest from its rows (those that do not read set aside) and stores it. */
async function backfill(
  db: BackflowDb,
  runId: string,
  setAside: { setAside: QuarantineNotice[] }[],
): Promise<RunDigest> {
  const events = await readRunEventRows(db, runId);
  const calls = await readRunCallRows(db, runId);
  setAside.push(events, calls);
  const digest = digestOf(events.rows.map(eventOf), calls.rows);
  await writeDigest(db, runId, digest);
  return digest;
}
