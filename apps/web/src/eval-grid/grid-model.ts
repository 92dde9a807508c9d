/**
 * The evaluation grid's derivations, pure: pass/fail per row, accuracy per split with its Wilson
 * interval, the comparison with the previous run, filters, live progress and the CSV/JSON export.
 */
import type { ExampleRow, RunState } from '../store/run-state';

/** A 95% Wilson score interval for `passed` successes out of `n` (both 0 when n is 0). */
export function wilsonInterval(passed: number, n: number, z = 1.96): { low: number; high: number } {
  if (n === 0) return { low: 0, high: 0 };
  const p = passed / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** Whether the row's example passed the workflow's loss (an unscored row did not). */
export function rowPassed(row: ExampleRow): boolean {
  return row.score?.passed === true;
}

/** The loss's feedback for a row, one line per output node (or why it is unscored). */
export function rowFeedback(row: ExampleRow): string {
  if (!row.score) return row.scoreError ?? 'not scored';
  const entries = Object.entries(row.score.perOutput);
  if (entries.length === 1) return entries[0]?.[1].feedback ?? '';
  return entries.map(([id, r]) => `${id}: ${r.feedback ?? (r.passed ? 'pass' : 'fail')}`).join('\n');
}

export interface SplitAccuracy {
  split: 'all' | 'train' | 'val' | 'test' | 'unsplit';
  passed: number;
  n: number;
  accuracy: number;
  low: number;
  high: number;
}

/** Accuracy over all rows, then per split label present (train, val, test, unsplit). */
export function accuracyBySplit(rows: readonly ExampleRow[]): SplitAccuracy[] {
  const groups = new Map<SplitAccuracy['split'], ExampleRow[]>([['all', [...rows]]]);
  const labels = new Set(rows.map((r) => r.split ?? 'unsplit'));
  if (labels.size > 1)
    for (const split of ['train', 'val', 'test', 'unsplit'] as const) {
      const members = rows.filter((r) => (r.split ?? 'unsplit') === split);
      if (members.length > 0) groups.set(split, members);
    }
  return [...groups].map(([split, members]) => {
    const passed = members.filter(rowPassed).length;
    const n = members.length;
    return { split, passed, n, accuracy: n === 0 ? 0 : passed / n, ...wilsonInterval(passed, n) };
  });
}

/** How a row differs from the same example in the previous run (null: unchanged or not there). */
export interface RowChange {
  /** The previous run's answers. */
  before: Record<string, string>;
  beforePassed: boolean;
  /** Output node ids whose answer changed. */
  changedOutputs: string[];
}

/** The change of every row whose example was in `previous` and answers or passes differently. */
export function changesSince(rows: readonly ExampleRow[], previous: RunState | null): Map<string, RowChange> {
  const out = new Map<string, RowChange>();
  if (!previous) return out;
  const before = new Map(previous.rows.map((r) => [r.exampleId, r]));
  for (const row of rows) {
    const old = before.get(row.exampleId);
    if (!old) continue;
    const ids = new Set([...Object.keys(row.outputs), ...Object.keys(old.outputs)]);
    const changedOutputs = [...ids].filter((id) => row.outputs[id] !== old.outputs[id]);
    if (changedOutputs.length > 0 || rowPassed(row) !== rowPassed(old))
      out.set(row.exampleId, { before: old.outputs, beforePassed: rowPassed(old), changedOutputs });
  }
  return out;
}

export type GridFilter = 'all' | 'failing' | 'changed';

/** The rows a filter keeps, in run order. */
export function filterRows(
  rows: readonly ExampleRow[],
  filter: GridFilter,
  changes: ReadonlyMap<string, RowChange>,
): ExampleRow[] {
  if (filter === 'failing') return rows.filter((r) => !rowPassed(r));
  if (filter === 'changed') return rows.filter((r) => changes.has(r.exampleId));
  return [...rows];
}

/** N of M examples finished and the time left at the pace so far (null before the first one). */
export function forwardProgress(
  run: RunState,
  now: number,
): { done: number; total: number; etaMs: number | null } {
  const done = run.rows.length;
  const total = run.exampleIds.length;
  if (done === 0 || run.status !== 'running') return { done, total, etaMs: null };
  const perExample = (now - run.startedAt) / done;
  return { done, total, etaMs: Math.max(0, Math.round(perExample * (total - done))) };
}

/** One flat record per row, the same for CSV and JSON. */
function exportRecord(row: ExampleRow, change: RowChange | undefined) {
  return {
    exampleId: row.exampleId,
    split: row.split ?? '',
    input: JSON.stringify(row.inputs),
    target: row.target,
    answer: Object.values(row.outputs).join('\n'),
    passed: rowPassed(row),
    score: row.score?.score ?? null,
    feedback: rowFeedback(row),
    changed: change !== undefined,
    previousAnswer: change ? Object.values(change.before).join('\n') : '',
  };
}

/** The grid as JSON: the accuracy per split and one record per row. */
export function gridJson(rows: readonly ExampleRow[], changes: ReadonlyMap<string, RowChange>): string {
  return JSON.stringify(
    { accuracy: accuracyBySplit(rows), rows: rows.map((r) => exportRecord(r, changes.get(r.exampleId))) },
    null,
    2,
  );
}

/** A CSV cell: quoted when it holds a comma, quote or line break (RFC 4180). */
function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The grid as CSV, one line per row, with a header. */
export function gridCsv(rows: readonly ExampleRow[], changes: ReadonlyMap<string, RowChange>): string {
  const records = rows.map((r) => exportRecord(r, changes.get(r.exampleId)));
  const header = Object.keys(exportRecord(rows[0] ?? emptyRow(), undefined));
  const lines = [header.join(','), ...records.map((rec) => Object.values(rec).map(csvCell).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

function emptyRow(): ExampleRow {
  return { exampleId: '', inputs: {}, target: '', outputs: {}, nodes: {}, score: null, failed: false };
}
