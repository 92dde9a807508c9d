/**
 * The one place a run's event and call rows are read: the history list and its compare view
 * (`listRuns`), Open (`loadRun`), Resume (`prepareResume`) and the report export
 * (built from the events and calls those put in the optimize store) all come through here. These
 * two tables grow with every call a run makes, so the launch does not scan them
 * (`quarantineUnreadable` checks the small tables only): a row that no longer reads is set aside
 * here, when its run is read, and the caller is told so that the person is too.
 */
import type { BackflowDb, CallRow, QuarantinedTable, SessionEventRow } from './db';
import { type Check, type QuarantineNotice, setAsideRows } from './quarantine';
import { readCallRow, readEventRow } from './run-rows';

/** Told what was set aside while a run was read (the studio shows it in a toast). */
export type SetAsideReport = (notices: QuarantineNotice[]) => void;

/** The rows of a run that read, in order, and what was set aside while reading them. */
export interface CheckedRows<T> {
  rows: T[];
  setAside: QuarantineNotice[];
}

/**
 * Splits `rows` into those that read and those that do not; the latter are moved to `quarantine`
 * (a write transaction only then: the usual read stays a read).
 */
async function checked<T>(
  db: BackflowDb,
  table: QuarantinedTable,
  rows: readonly unknown[],
  read: (value: unknown) => { ok: true; row: T } | { ok: false; message: string },
  keyOf: (row: Record<string, unknown>) => unknown,
): Promise<CheckedRows<T>> {
  const good: T[] = [];
  const bad: unknown[] = [];
  for (const row of rows) {
    const r = read(row);
    if (r.ok) good.push(r.row);
    // A stored row always has its key fields (IndexedDB refuses a row without them), even when
    // another field is what is broken.
    else bad.push(keyOf(row as Record<string, unknown>));
  }
  const setAside = bad.length > 0 ? await setAsideRows(db, table, read as Check, bad) : [];
  return { rows: good, setAside };
}

/** A run's event rows that read, in `seq` order (the others set aside). */
export async function readRunEventRows(db: BackflowDb, runId: string): Promise<CheckedRows<SessionEventRow>> {
  const rows = await db.runEvents.where('runId').equals(runId).sortBy('seq');
  return checked(db, 'runEvents', rows, readEventRow, (r) => [r.runId, r.seq]);
}

/**
 * A run's call records that read, in the order the calls started (the table's own order is by id;
 * the others set aside).
 */
export async function readRunCallRows(db: BackflowDb, runId: string): Promise<CheckedRows<CallRow>> {
  return checkCallRows(db, await db.calls.where('runId').equals(runId).sortBy('startedAt'));
}

/** Stored call rows already read: those that read, the others set aside. */
export function checkCallRows(db: BackflowDb, rows: readonly unknown[]): Promise<CheckedRows<CallRow>> {
  return checked(db, 'calls', rows, readCallRow, (r) => r.callId);
}

/** Tells `report` what the reads set aside, once for all of them (nothing when nothing was). */
export function reportSetAside(
  report: SetAsideReport | undefined,
  reads: readonly { setAside: QuarantineNotice[] }[],
): void {
  const all = reads.flatMap((r) => r.setAside);
  if (all.length > 0) report?.(all);
}
