/**
 * Optimization runs in IndexedDB: the run row, its events keyed by (runId, seq) with their format
 * version, the run's data part (written once) and its latest checkpoint (the progress part, one row
 * per run, replaced), and the call records. Writes go through one queue per run so an event is
 * stored BEFORE the UI is told about it, and in order. Every row is checked with the reader the
 * loaders use (run-rows.ts) before it is written: a row that would not read back is refused
 * (`RefusedWrite`, reported to the writer's `onError`). The loaders skip rows that do not read: a
 * run's events and calls are set aside as the run is read (run-reads.ts; `report` is told), the
 * other tables' rows at the next load.
 */
import {
  type CallRecord,
  joinSessionState,
  migrateSessionEvent,
  type ProviderSettings,
  SESSION_EVENT_VERSION,
  type SessionData,
  type SessionEvent,
  type SessionProgress,
  type SessionState,
  type TestSplitScore,
  withoutKeys,
} from '@backflow/engine';
import {
  digestOf,
  emptyDigest,
  foldCall,
  foldEvent,
  isRunDigest,
  type RunDigest,
} from '../run-views/derive/digest';
import type { BackflowDb, CallRow, CheckpointRow, RunRow, SessionEventRow } from './db';
import {
  checkCallRows,
  readRunCallRows,
  readRunEventRows,
  reportSetAside,
  type SetAsideReport,
} from './run-reads';
import {
  assertStorableCall,
  assertStorableCheckpoint,
  assertStorableEvent,
  assertStorableRun,
  readable,
  readCheckpointRow,
  readRunDataRow,
  readRunRow,
} from './run-rows';

/** Serialised writes for one run; `onStored` fires after each write commits. */
export interface RunWriter {
  /** Stores the event, then calls `onStored(event)`. */
  event(event: SessionEvent, onStored: (event: SessionEvent, seq: number) => void): void;
  /**
   * Stores the progress part as the run's checkpoint. `data` (with a run's first checkpoint) is
   * stored first, once: not again when the stored data already has its hash.
   */
  checkpoint(progress: SessionProgress, data?: SessionData): void;
  /** Stores the call record, then calls `onStored(record)` when given. */
  call(record: CallRecord, onStored?: (record: CallRecord) => void): void;
  /** Resolves when every queued write has committed. */
  flush(): Promise<void>;
}

/** What a run's writer needs to know to write its checkpoints. */
export interface RunWriterInit {
  runId: string;
  workflowId: string;
  provider: ProviderSettings;
  /** The seq of the last event already stored (0 for a new run). */
  lastSeq: number;
  /** Checkpoints already written (0 for a new run; the resumed checkpoint's ordinal). */
  checkpoints?: number;
  /** The hash of the run's data part already stored (a resumed run's), if any. */
  dataHash?: string;
}

/** Creates the run row of a new optimization run (with the digest of a run that has stored nothing). */
export async function createRunRow(
  db: BackflowDb,
  row: Omit<RunRow, 'kind' | 'status' | 'digest'>,
): Promise<void> {
  const run: RunRow = { ...row, kind: 'optimize', status: 'running', digest: emptyDigest() };
  assertStorableRun(run);
  await db.runs.put(run);
}

/** A write queue for one run. Failures are reported to `onError` and do not stop the queue. */
export function createRunWriter(
  db: BackflowDb,
  init: RunWriterInit,
  onError: (err: unknown) => void = () => undefined,
): RunWriter {
  let seq = init.lastSeq;
  let checkpoints = init.checkpoints ?? 0;
  let dataHash = init.dataHash;
  let queue: Promise<void> = Promise.resolve();
  const enqueue = (work: () => Promise<void>) => {
    queue = queue.then(work).catch(onError);
  };
  return {
    event(event, onStored) {
      const mySeq = ++seq;
      enqueue(async () => {
        const row: SessionEventRow = {
          runId: init.runId,
          seq: mySeq,
          at: Date.now(),
          v: SESSION_EVENT_VERSION,
          event,
        };
        assertStorableEvent(row);
        await storeFolded(
          db,
          init.runId,
          db.runEvents,
          () => db.runEvents.put(row),
          (d) => foldEvent(d, event),
          event.type === 'runDone' ? { status: 'done', finishedAt: Date.now() } : {},
        );
        onStored(event, mySeq);
      });
    },
    checkpoint(progress, data) {
      // The events queued before this checkpoint are the ones it covers (seq is taken now, not
      // when the write runs: events of the next unit may be queued by then).
      const lastSeq = seq;
      const ordinal = ++checkpoints;
      const newData = data && data.hash !== dataHash ? data : null;
      if (newData) dataHash = newData.hash;
      enqueue(async () => {
        // The data first: a checkpoint row is never stored without the data it names.
        if (newData) await db.runData.put({ runId: init.runId, at: Date.now(), data: newData });
        const row: CheckpointRow = {
          runId: init.runId,
          workflowId: init.workflowId,
          at: Date.now(),
          lastSeq,
          ordinal,
          done: progress.phase.kind === 'done',
          progress,
          provider: withoutKeys(init.provider),
        };
        assertStorableCheckpoint(row);
        await db.checkpoints.put(row);
      });
    },
    call(record, onStored) {
      const checkpoint = checkpoints;
      enqueue(async () => {
        const row: CallRow = { ...record, runId: init.runId, checkpoint };
        assertStorableCall(row);
        await storeFolded(
          db,
          init.runId,
          db.calls,
          () => db.calls.put(row),
          (d) => foldCall(d, record),
        );
        onStored?.(record);
      });
    },
    flush: () => queue,
  };
}

/**
 * Writes an event or call row and folds it into its run's digest in one transaction, so the digest
 * always covers exactly the rows stored (a reload between the two cannot split them). `changes`
 * go on the run row too. A run row without a readable digest is left without one: the history
 * builds it from the rows when it lists the run.
 */
async function storeFolded(
  db: BackflowDb,
  runId: string,
  table: BackflowDb['runEvents'] | BackflowDb['calls'],
  write: () => Promise<unknown>,
  fold: (digest: RunDigest) => void,
  changes: Partial<RunRow> = {},
): Promise<void> {
  await db.transaction('rw', table, db.runs, async () => {
    await write();
    const run = await db.runs.get(runId);
    if (!run) return;
    const digest = isRunDigest(run.digest) ? run.digest : undefined;
    if (digest) fold(digest);
    if (digest || Object.keys(changes).length > 0) await db.runs.put({ ...run, ...changes });
  });
}

/** Replaces a run's digest with `digest` (built again from its rows). */
export async function writeDigest(db: BackflowDb, runId: string, digest: RunDigest): Promise<void> {
  await db.runs.update(runId, { digest });
}

/**
 * A run's checkpoint read back whole: its progress joined with the run's data part, or the whole
 * state of a row written before checkpoints were split. `dataHash`: the stored data's hash (absent
 * for such an older row, whose data is stored again by its first checkpoint after a resume).
 */
export type StoredCheckpoint = Omit<CheckpointRow, 'progress' | 'state'> & {
  state: SessionState;
  dataHash?: string;
};

/** A run that stopped before its end, with everything needed to continue it. */
export interface ResumableRun {
  run: RunRow;
  checkpoint: StoredCheckpoint;
}

/** Whether a run can go on from its last checkpoint: the session had not ended, nobody discarded it. */
export function canResume(run: RunRow, checkpoint: Pick<CheckpointRow, 'done'>): boolean {
  return !checkpoint.done && run.status !== 'abandoned';
}

/**
 * Joins a checkpoint row with its run's data (null when the data is missing or belongs to other
 * data: such a row cannot be resumed, nor its state shown).
 */
export async function readCheckpoint(db: BackflowDb, row: CheckpointRow): Promise<StoredCheckpoint | null> {
  const { progress, state, ...rest } = row;
  if (state) return { ...rest, state };
  if (!progress) return null;
  const stored = readOne(await db.runData.get(row.runId), readRunDataRow);
  if (!stored || stored.data.hash !== progress.dataHash) return null;
  return { ...rest, state: joinSessionState(stored.data, progress), dataHash: stored.data.hash };
}

/** The newest run of `workflowId` whose last checkpoint is not done, if any. */
export async function findResumableRun(db: BackflowDb, workflowId: string): Promise<ResumableRun | null> {
  const checkpoints = readable(
    await db.checkpoints.where('workflowId').equals(workflowId).toArray(),
    readCheckpointRow,
  );
  const open = checkpoints.filter((c) => !c.done).sort((a, b) => b.at - a.at);
  for (const row of open) {
    const run = readOne(await db.runs.get(row.runId), readRunRow);
    if (!run || !canResume(run, row)) continue;
    const checkpoint = await readCheckpoint(db, row);
    if (checkpoint) return { run, checkpoint };
  }
  return null;
}

/**
 * Prepares a run's stored rows for resuming from `checkpoint`: drops the events after it and the
 * calls of units it does not cover, rebuilds the run's digest from what stays, and returns what
 * stays (events and call records that read; the others set aside and reported). The call rows
 * are read once, here: a 10,000-call run's Resume read them twice when the session's records were
 * loaded apart.
 */
export async function prepareResume(
  db: BackflowDb,
  checkpoint: Pick<CheckpointRow, 'runId' | 'lastSeq' | 'ordinal'>,
  report?: SetAsideReport,
): Promise<{ events: SessionEvent[]; calls: CallRecord[] }> {
  const { runId, lastSeq } = checkpoint;
  const read = await readRunEventRows(db, runId);
  const { rows } = read;
  const stale = rows.filter((r) => r.seq > lastSeq).map((r) => [r.runId, r.seq] as [string, number]);
  const events = rows.filter((r) => r.seq <= lastSeq).map(eventOf);
  const ordinal = checkpoint.ordinal ?? 0;
  const later = (c: CallRow) => (c.checkpoint ?? 0) >= ordinal;
  // One transaction: the digest always covers exactly the rows that stay.
  const calls = await db.transaction('rw', [db.runEvents, db.calls, db.runs, db.quarantine], async () => {
    if (stale.length > 0) await db.runEvents.bulkDelete(stale);
    const all = await db.calls.where('runId').equals(runId).sortBy('startedAt');
    const dropped = all.filter(later).map((c) => c.callId);
    if (dropped.length > 0) await db.calls.bulkDelete(dropped);
    const kept = await checkCallRows(
      db,
      all.filter((c) => !later(c)),
    );
    if (await db.runs.get(runId)) await writeDigest(db, runId, digestOf(events, kept.rows));
    return kept;
  });
  reportSetAside(report, [read, calls]);
  return { events, calls: calls.rows };
}

/** A stored event in today's format (rows from before events had a version are lifted). */
export function eventOf(row: SessionEventRow): SessionEvent {
  return migrateSessionEvent(row.event, row.v);
}

/** Every stored event of a run, in order, in today's format (those that do not read set aside). */
export async function loadRunEvents(
  db: BackflowDb,
  runId: string,
  report?: SetAsideReport,
): Promise<SessionEvent[]> {
  const read = await readRunEventRows(db, runId);
  reportSetAside(report, [read]);
  return read.rows.map(eventOf);
}

/** Counts one more resume of the run on its row; returns the new count (for its report). */
export async function countResume(db: BackflowDb, runId: string): Promise<number> {
  const resumes = ((await db.runs.get(runId))?.resumes ?? 0) + 1;
  await db.runs.update(runId, { resumes });
  return resumes;
}

/** Marks a run as not to be offered for resume again. */
export async function abandonRun(db: BackflowDb, runId: string): Promise<void> {
  await db.runs.update(runId, { status: 'abandoned' });
}

/** A stored optimization run with its events and calls, as Open reads it. */
export interface StoredRun {
  run: RunRow;
  events: SessionEvent[];
  calls: CallRecord[];
}

/** A stored run with what showing it again needs: its last checkpoint (null when none was written). */
export interface OpenedRun extends StoredRun {
  checkpoint: StoredCheckpoint | null;
}

/** Records the held-out test split's score of a finished run on its row (checked like every write). */
export async function recordTestScore(db: BackflowDb, runId: string, test: TestSplitScore): Promise<void> {
  const run = await db.runs.get(runId);
  if (!run) return;
  assertStorableRun({ ...run, test });
  // An update, not a put: the run's status may be written meanwhile.
  await db.runs.update(runId, { test });
}

/**
 * One stored optimization run, read whole (null when there is no such run; its events and calls
 * that do not read are set aside, and `report` told once, and its digest rebuilt without them).
 */
export async function loadRun(
  db: BackflowDb,
  runId: string,
  report?: SetAsideReport,
): Promise<OpenedRun | null> {
  const run = readOne(await db.runs.get(runId), readRunRow);
  if (run?.kind !== 'optimize') return null;
  const [eventRows, callRows, row] = await Promise.all([
    readRunEventRows(db, runId),
    readRunCallRows(db, runId),
    db.checkpoints.get(runId),
  ]);
  reportSetAside(report, [eventRows, callRows]);
  const events = eventRows.rows.map(eventOf);
  const calls = callRows.rows;
  // Rows set aside were in the run's digest (or it had none): build it again from what reads.
  if (eventRows.setAside.length + callRows.setAside.length > 0 || !run.digest) {
    run.digest = digestOf(events, calls);
    await writeDigest(db, runId, run.digest);
  }
  const readRow = readOne(row, readCheckpointRow);
  const checkpoint = readRow ? await readCheckpoint(db, readRow) : null;
  return { run, events, calls, checkpoint };
}

/** `row` when it reads, else undefined (absent rows too). */
function readOne<T>(
  row: unknown,
  read: (value: unknown) => { ok: true; row: T } | { ok: false },
): T | undefined {
  if (row === undefined) return undefined;
  const r = read(row);
  return r.ok ? r.row : undefined;
}
