/**
 * Setting aside stored rows that no longer read. On load every workflow and dataset row is read as
 * an import would be; one that fails is moved, whole, to the `quarantine` table (in one
 * transaction, so it is never lost nor in both places) and named in a message, instead of
 * crashing the page on every reload.
 */
import { isolate } from '../ui/bidi';
import type { BackflowDb, QuarantineRow } from './db';
import { readDatasetRow, readWorkflowRow } from './stored-rows';

/** One row set aside, for the message the studio shows. */
export interface QuarantineNotice {
  table: QuarantineRow['table'];
  key: string;
  reason: string;
}

/** Moves every unreadable workflow and dataset row to `quarantine`; returns what was moved. */
export async function quarantineUnreadable(db: BackflowDb, now = Date.now()): Promise<QuarantineNotice[]> {
  return db.transaction('rw', db.workflows, db.datasets, db.quarantine, async () => {
    const moved: (QuarantineRow & { primaryKey: unknown })[] = [];
    for (const row of (await db.workflows.toArray()) as unknown[]) {
      const read = readWorkflowRow(row);
      if (!read.ok) moved.push(entry('workflows', row, read.message, now));
    }
    for (const row of (await db.datasets.toArray()) as unknown[]) {
      const read = readDatasetRow(row);
      if (!read.ok) moved.push(entry('datasets', row, read.message, now));
    }
    for (const { primaryKey, ...m } of moved) {
      await db.quarantine.add(m);
      await db.table(m.table).delete(primaryKey as string);
    }
    return moved.map(({ table, key, reason }) => ({ table, key, reason }));
  });
}

function entry(table: QuarantineRow['table'], row: unknown, reason: string, at: number) {
  const primaryKey = (row as { id?: unknown } | null)?.id;
  // A project's name, or a dataset's: what the person knows it by.
  const r = row as { name?: unknown; dataset?: { name?: unknown } } | null;
  const name = typeof r?.name === 'string' ? r.name : r?.dataset?.name;
  const key = typeof name === 'string' ? `"${isolate(name.slice(0, 200))}"` : String(primaryKey);
  return { table, key, at, reason, row, primaryKey };
}

/** One sentence for the toast shown after {@link quarantineUnreadable} moved something. */
export function quarantineMessage(notices: readonly QuarantineNotice[]): string {
  const what = (n: QuarantineNotice) =>
    `${n.table === 'workflows' ? 'project' : 'dataset'} ${n.key} (${n.reason.replace(/\.$/, '')})`;
  const listed = notices.slice(0, 3).map(what).join('; ');
  const more = notices.length > 3 ? ` and ${notices.length - 3} more` : '';
  return `${notices.length} stored item${notices.length === 1 ? '' : 's'} could not be read and ${notices.length === 1 ? 'was' : 'were'} set aside (Projects → Set aside): ${listed}${more}.`;
}

/** The rows set aside, newest first. */
export function listQuarantine(db: BackflowDb): Promise<QuarantineRow[]> {
  return db.quarantine.orderBy('at').reverse().toArray();
}
