/**
 * Setting aside stored rows that no longer read. On load every row of the tables whose size does
 * not grow with the run history (projects, datasets, settings, runs, checkpoints) is read as the
 * studio would read it; one that fails is moved, whole, to the `quarantine` table (in one
 * transaction, so it is never lost nor in both places) and named in a message, instead of
 * crashing the page on every reload. A run's event and call rows (the bulk of what is stored)
 * are checked when that run is read, by `run-reads.ts`, with {@link setAsideRows}.
 */
import type { StudioState } from '../store/studio-state';
import { isolate } from '../ui/bidi';
import type { BackflowDb, QuarantinedTable, QuarantineRow } from './db';
import { readCheckpointRow, readRunRow } from './run-rows';
import { readDatasetRow, readSettingsRow, readWorkflowRow } from './stored-rows';

/** One row set aside, for the message the studio shows. */
export interface QuarantineNotice {
  table: QuarantineRow['table'];
  key: string;
  reason: string;
}

/** A table's reader: whether a row reads, and why not. */
export type Check = (row: unknown) => { ok: boolean; message?: string } | undefined;

/**
 * The tables checked at every load, in the order the message names them: small ones (a row per
 * project, setting or run). A run's events and calls are checked when the run is read.
 */
const TABLES: { table: QuarantinedTable; read: Check }[] = [
  { table: 'workflows', read: readWorkflowRow },
  { table: 'datasets', read: readDatasetRow },
  { table: 'settings', read: readSettingsRow },
  { table: 'runs', read: readRunRow },
  { table: 'checkpoints', read: readCheckpointRow },
];

/** A row found unreadable, with the key it is stored under and why. */
interface Unreadable {
  table: QuarantinedTable;
  primaryKey: unknown;
  row: unknown;
  reason: string;
}

/** Moves `rows` to `quarantine`; to be called inside a transaction over their tables and it. */
async function move(db: BackflowDb, rows: readonly Unreadable[], now: number): Promise<QuarantineNotice[]> {
  const notices: QuarantineNotice[] = [];
  for (const { table, primaryKey, row, reason } of rows) {
    const kept = entry(table, row, reason, now);
    await db.quarantine.add(kept);
    await db.table(table).delete(primaryKey as never);
    notices.push({ table, key: kept.key, reason });
  }
  return notices;
}

const field = (row: unknown, name: string): unknown =>
  row !== null && typeof row === 'object' ? (row as Record<string, unknown>)[name] : undefined;

/**
 * Moves every unreadable row of the tables checked at load (projects, datasets, settings, runs,
 * checkpoints) to `quarantine`; returns what was moved.
 */
export async function quarantineUnreadable(db: BackflowDb, now = Date.now()): Promise<QuarantineNotice[]> {
  const tables = TABLES.map((t) => db.table(t.table));
  return db.transaction('rw', [...tables, db.quarantine], async () => {
    const found: Unreadable[] = [];
    for (const { table, read } of TABLES) {
      // One cursor pass (rows are not all held at once); the cursor's key deletes the row even
      // when its own key field is what is broken.
      await db
        .table(table)
        .toCollection()
        .each((row: unknown, cursor) => {
          const r = read(row);
          if (r && !r.ok)
            found.push({
              table,
              primaryKey: cursor.primaryKey,
              row,
              reason: r.message ?? 'it does not read.',
            });
        });
    }
    return move(db, found, now);
  });
}

/**
 * Moves the rows of `table` stored under `primaryKeys` to `quarantine` if they still do not read
 * (each is read again inside the transaction: another tab may have replaced or deleted it since);
 * returns what was moved. For a caller that found them unreadable outside a transaction.
 */
export async function setAsideRows(
  db: BackflowDb,
  table: QuarantinedTable,
  read: Check,
  primaryKeys: readonly unknown[],
  now = Date.now(),
): Promise<QuarantineNotice[]> {
  return db.transaction('rw', [db.table(table), db.quarantine], async () => {
    const found: Unreadable[] = [];
    for (const primaryKey of primaryKeys) {
      const row: unknown = await db.table(table).get(primaryKey as never);
      const r = row === undefined ? undefined : read(row);
      if (r && !r.ok) found.push({ table, primaryKey, row, reason: r.message ?? 'it does not read.' });
    }
    return move(db, found, now);
  });
}

/** What the person knows a row by: a project's or dataset's name, else the run or key it belongs to. */
function entry(table: QuarantinedTable, row: unknown, reason: string, at: number): QuarantineRow {
  const r = row as { name?: unknown; dataset?: { name?: unknown } } | null;
  const name = typeof r?.name === 'string' ? r.name : r?.dataset?.name;
  const key =
    typeof name === 'string'
      ? `"${isolate(name.slice(0, 200))}"`
      : table === 'runEvents'
        ? `${String(field(row, 'runId'))} #${String(field(row, 'seq'))}`
        : String(field(row, TABLE_KEY[table]) ?? field(row, 'id')).slice(0, 200);
  return { table, key, at, reason, row: table === 'settings' ? withoutSecrets(row) : row };
}

const TABLE_KEY: Record<QuarantinedTable, string> = {
  workflows: 'id',
  datasets: 'id',
  settings: 'key',
  runs: 'id',
  runEvents: 'runId',
  calls: 'callId',
  checkpoints: 'runId',
};

/**
 * A settings row as it may be kept in quarantine and downloaded: without API keys, and without
 * credentials in a base URL (an older build stored them), which live only in the settings table.
 */
function withoutSecrets(row: unknown): unknown {
  return JSON.parse(
    JSON.stringify(row, (k, v) => {
      if (k === 'apiKey') return undefined;
      return typeof v === 'string' ? v.replace(/(\/\/)[^/@\s]*@/g, '$1') : v;
    }),
  );
}

/** How a table's rows are named in messages and in the Set aside list. */
export const TABLE_NOUN: Record<QuarantinedTable, string> = {
  workflows: 'project',
  datasets: 'dataset',
  settings: 'settings',
  runs: 'run',
  runEvents: 'run event',
  calls: 'call record',
  checkpoints: 'checkpoint of run',
};

/** One sentence for the toast shown after {@link quarantineUnreadable} or {@link setAsideRows} moved something. */
export function quarantineMessage(notices: readonly QuarantineNotice[]): string {
  const what = (n: QuarantineNotice) => `${TABLE_NOUN[n.table]} ${n.key} (${n.reason.replace(/\.$/, '')})`;
  const listed = notices.slice(0, 3).map(what).join('; ');
  const more = notices.length > 3 ? ` and ${notices.length - 3} more` : '';
  return `${notices.length} stored item${notices.length === 1 ? '' : 's'} could not be read and ${notices.length === 1 ? 'was' : 'were'} set aside (Projects → Set aside): ${listed}${more}.`;
}

/** Shows what was set aside in an error toast (at load, and when a run's rows are read). */
export function toastSetAside(store: {
  getState(): { toast: StudioState['toast'] };
}): (notices: readonly QuarantineNotice[]) => void {
  return (notices) => {
    if (notices.length > 0) store.getState().toast(quarantineMessage(notices), { kind: 'error', ms: 20000 });
  };
}

/**
 * The rows set aside, newest first, their names and reasons as text (the table is written only by
 * {@link quarantineUnreadable} and {@link setAsideRows}, but a hand edit must not break the Projects dialog either).
 */
export async function listQuarantine(db: BackflowDb): Promise<QuarantineRow[]> {
  const rows = (await db.quarantine.orderBy('at').reverse().toArray()) as unknown[];
  return rows.flatMap((r) => {
    if (r === null || typeof r !== 'object') return [];
    const q = r as Partial<QuarantineRow>;
    // An unknown table keeps its own name (the list shows it as is).
    const table = String(q.table) as QuarantinedTable;
    return [
      {
        ...q,
        table,
        key: String(q.key ?? ''),
        reason: String(q.reason ?? ''),
        at: Number(q.at),
      } as QuarantineRow,
    ];
  });
}
