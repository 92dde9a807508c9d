/**
 * The contract of the run tables (runs, runEvents, calls, checkpoints): what a row must hold for
 * the run views, the history and Resume to read it without throwing. Writes are checked with the
 * same readers as loads (`assertStorable*`), and a row that still fails on load (an older build,
 * another tab, a hand edit) is set aside by `quarantine.ts` instead of breaking the Optimize panel.
 * The checks are structural (field types per event type, a checkpoint's state through the engine's
 * migration and workflow parser), not a replay: they catch what would crash a view.
 */
import {
  endpointProblems,
  migrateSessionEvent,
  migrateSessionState,
  type SessionEvent,
  upgradeProviderSettings,
} from '@backflow/engine';
import { parseWorkflowValue } from '../engine-adapters/parse';
import { isRunDigest } from '../run-views/derive/digest';
import type { CallRow, CheckpointRow, RunDataRow, RunRow, SessionEventRow } from './db';
import { isObject, type Read, RefusedWrite } from './stored-rows';

type Kind = 'string' | 'number' | 'boolean' | 'array' | 'object';

const kindOf = (v: unknown): Kind | 'other' =>
  Array.isArray(v)
    ? 'array'
    : isObject(v)
      ? 'object'
      : typeof v === 'string'
        ? 'string'
        : typeof v === 'number'
          ? 'number'
          : typeof v === 'boolean'
            ? 'boolean'
            : 'other';

/** The first field of `value` that is missing or of the wrong kind, as a sentence; undefined when all fit. */
function fieldProblem(value: Record<string, unknown>, fields: Record<string, Kind>, what: string) {
  for (const [field, kind] of Object.entries(fields)) {
    const actual = kindOf(value[field]);
    if (actual !== kind)
      return value[field] === undefined
        ? `${what} has no "${field}".`
        : `${what}'s "${field}" is not ${kind === 'array' || kind === 'object' ? `an ${kind}` : `a ${kind}`}.`;
  }
  return undefined;
}

/** The fields each event type's views read (beyond `unitIndex` and `iteration`). */
const EVENT_FIELDS: Record<SessionEvent['type'], Record<string, Kind>> = {
  progress: { unit: 'string', totalUnitsEstimate: 'number', totals: 'object' },
  validationScored: { reason: 'string', score: 'number', scores: 'array' },
  forwardDone: { exampleIds: 'array', traces: 'array' },
  lossComputed: { scores: 'array', meanScore: 'number', errorBatch: 'array' },
  backwardSeeded: { signals: 'array', failures: 'array', callIds: 'array' },
  backwardNode: {
    nodeId: 'string',
    received: 'array',
    emitted: 'array',
    failures: 'array',
    callIds: 'array',
  },
  blameComputed: { blame: 'object' },
  updateProposed: {
    nodeId: 'string',
    currentPrompt: 'string',
    proposedPrompt: 'string',
    templateIds: 'array',
    callIds: 'array',
  },
  updateFailed: { nodeId: 'string', error: 'string', callIds: 'array' },
  awaitingDecisions: { nodeIds: 'array' },
  updateDecided: { nodeId: 'string', decision: 'object' },
  gepaSelected: { kind: 'string', parents: 'array', exampleIds: 'array', weights: 'object' },
  gepaCandidate: { candidate: 'object', paretoIds: 'array', frontier: 'array', best: 'number' },
  gateDecided: {
    policy: 'string',
    scope: 'string',
    on: 'string',
    nodeIds: 'array',
    accepted: 'boolean',
    prompts: 'object',
  },
  iterationDone: { trainScore: 'number', acceptedNodes: 'array', prompts: 'object', totals: 'object' },
  budgetExhausted: { budget: 'object', totals: 'object', nextUnit: 'string', estimate: 'object' },
  runDone: { reason: 'string', prompts: 'object', totals: 'object' },
  error: { unit: 'string', message: 'string', aborted: 'boolean' },
};

/** A session event as the run views read it, or why not. */
export function eventProblem(event: unknown): string | undefined {
  if (!isObject(event)) return 'the event is not an object.';
  const type = event.type;
  if (typeof type !== 'string' || !Object.hasOwn(EVENT_FIELDS, type))
    return `the event type ${JSON.stringify(String(type).slice(0, 40))} is unknown.`;
  return fieldProblem(
    event,
    { unitIndex: 'number', iteration: 'number', ...EVENT_FIELDS[type as SessionEvent['type']] },
    `the ${type} event`,
  );
}

const RUN_FIELDS: Record<string, Kind> = {
  id: 'string',
  workflowId: 'string',
  startedAt: 'number',
  status: 'string',
};

/** A stored run row, or why it does not read. */
export function readRunRow(value: unknown): Read<RunRow> {
  if (!isObject(value)) return { ok: false, message: 'the run row is not an object.' };
  const problem = fieldProblem(value, RUN_FIELDS, 'the run');
  if (problem) return { ok: false, message: problem };
  if (value.kind !== 'forward' && value.kind !== 'optimize')
    return { ok: false, message: 'the run is neither a forward run nor an optimization.' };
  for (const [field, kind] of [
    ['algorithm', 'string'],
    ['finishedAt', 'number'],
    ['resumes', 'number'],
  ] as const) {
    if (value[field] !== undefined && kindOf(value[field]) !== kind)
      return { ok: false, message: `the run's "${field}" is not a ${kind}.` };
  }
  // A test score or a digest that does not read is left out (the run itself is still good; its
  // digest is built again from its rows when it is next listed).
  const { test, digest, ...rest } = value;
  return {
    ok: true,
    row: {
      ...rest,
      ...(test === undefined || !isTestScore(test) ? {} : { test }),
      ...(digest === undefined || !isRunDigest(digest) ? {} : { digest }),
    } as unknown as RunRow,
  };
}

/** The shape of a stored held-out test score (`RunRow.test`). */
function isTestScore(value: unknown): boolean {
  if (!isObject(value)) return false;
  const { examples, score, passed, simulated, perExample } = value;
  return (
    typeof examples === 'number' &&
    typeof score === 'number' &&
    score >= 0 &&
    score <= 1 &&
    typeof passed === 'number' &&
    typeof simulated === 'boolean' &&
    Array.isArray(perExample) &&
    perExample.every((p) => isObject(p) && typeof p.exampleId === 'string' && typeof p.score === 'number')
  );
}

/** A stored event row, or why it does not read. */
export function readEventRow(value: unknown): Read<SessionEventRow> {
  if (!isObject(value)) return { ok: false, message: 'the event row is not an object.' };
  const problem = fieldProblem(value, { runId: 'string', seq: 'number', at: 'number' }, 'the event row');
  if (problem) return { ok: false, message: problem };
  if (!Number.isInteger(value.seq) || (value.seq as number) < 1)
    return { ok: false, message: 'the event row has no positive sequence number.' };
  const event = eventProblem(value.event);
  if (event) return { ok: false, message: event };
  // Its format version: absent before versions existed (lifted on read), never newer than this build.
  try {
    migrateSessionEvent(value.event, value.v as number | undefined);
  } catch (err) {
    return { ok: false, message: (err as Error).message };
  }
  return { ok: true, row: value as unknown as SessionEventRow };
}

const CALL_FIELDS: Record<string, Kind> = {
  callId: 'string',
  runId: 'string',
  purpose: 'string',
  model: 'string',
  startedAt: 'number',
  latencyMs: 'number',
  attempts: 'number',
  usage: 'object',
  costUsd: 'number',
  cached: 'boolean',
  request: 'object',
};

/** A stored call record, or why it does not read (the call log renders every one of these fields). */
export function readCallRow(value: unknown): Read<CallRow> {
  if (!isObject(value)) return { ok: false, message: 'the call row is not an object.' };
  const problem = fieldProblem(value, CALL_FIELDS, 'the call record');
  if (problem) return { ok: false, message: problem };
  const usage = value.usage as Record<string, unknown>;
  const request = value.request as Record<string, unknown>;
  const inner =
    fieldProblem(usage, { inputTokens: 'number', outputTokens: 'number' }, "the call record's usage") ??
    fieldProblem(request, { messages: 'array' }, "the call record's request");
  if (inner) return { ok: false, message: inner };
  const messages = request.messages as unknown[];
  if (!messages.every((m) => isObject(m) && typeof m.role === 'string' && typeof m.content === 'string'))
    return { ok: false, message: "a message of the call record's request has no role or text." };
  for (const field of ['responseText', 'error', 'reasoning', 'nodeId', 'exampleId', 'callKey'] as const) {
    if (value[field] !== undefined && typeof value[field] !== 'string')
      return { ok: false, message: `the call record's "${field}" is not text.` };
  }
  return { ok: true, row: value as unknown as CallRow };
}

/** A stored checkpoint, or why Resume could not use it. */
export function readCheckpointRow(value: unknown): Read<CheckpointRow> {
  if (!isObject(value)) return { ok: false, message: 'the checkpoint row is not an object.' };
  const problem = fieldProblem(
    value,
    {
      runId: 'string',
      workflowId: 'string',
      at: 'number',
      lastSeq: 'number',
      done: 'boolean',
      provider: 'object',
    },
    'the checkpoint',
  );
  if (problem) return { ok: false, message: problem };
  // The session's progress part (its data part is the run's `runData` row), or, in rows written
  // before the two were stored apart, the whole state (read first when a row has it: it is what
  // Resume would use).
  const split = value.state === undefined;
  let state: Record<string, unknown>;
  try {
    state = migrateSessionState(split ? value.progress : value.state) as unknown as Record<string, unknown>;
  } catch (err) {
    return { ok: false, message: `its session state does not read: ${(err as Error).message}` };
  }
  const stateProblem = fieldProblem(
    state,
    {
      settings: 'object',
      workflow: 'object',
      ...(split
        ? { dataHash: 'string' as const }
        : { initialWorkflow: 'object', train: 'array', val: 'array' }),
      phase: 'object',
      journal: 'object',
      totals: 'object',
      history: 'array',
      iteration: 'number',
      unitIndex: 'number',
    },
    "the checkpoint's session state",
  );
  if (stateProblem) return { ok: false, message: stateProblem };
  for (const field of split ? (['workflow'] as const) : (['workflow', 'initialWorkflow'] as const)) {
    const parsed = parseWorkflowValue(state[field]);
    if (!parsed.ok)
      return {
        ok: false,
        message: `its ${field === 'workflow' ? '' : 'initial '}workflow: ${parsed.message}`,
      };
  }
  const provider = upgradeProviderSettings(value.provider as never);
  const endpoints = isObject(provider)
    ? [
        ...endpointProblems(provider.forward, 'Forward model'),
        ...endpointProblems(provider.optimizer, 'Optimizer model'),
      ]
    : ['the provider settings are not an object.'];
  if (endpoints.length > 0) return { ok: false, message: `its model settings: ${endpoints.join(' ')}` };
  return { ok: true, row: value as unknown as CheckpointRow };
}

/**
 * A run's stored data part, or why it does not read (then its checkpoints are not offered for
 * resume: they could not be joined with it).
 */
export function readRunDataRow(value: unknown): Read<RunDataRow> {
  if (!isObject(value)) return { ok: false, message: 'the run data row is not an object.' };
  const problem =
    fieldProblem(value, { runId: 'string', at: 'number', data: 'object' }, 'the run data') ??
    fieldProblem(
      value.data as Record<string, unknown>,
      { hash: 'string', initialWorkflow: 'object', train: 'array', val: 'array' },
      "the run's data",
    );
  if (problem) return { ok: false, message: problem };
  const parsed = parseWorkflowValue((value.data as Record<string, unknown>).initialWorkflow);
  if (!parsed.ok) return { ok: false, message: `its initial workflow: ${parsed.message}` };
  return { ok: true, row: value as unknown as RunDataRow };
}

/** Throws {@link RefusedWrite} when `read` refuses `row`: the shared shape of every `assertStorable*` here. */
function assertReads<T>(read: (value: unknown) => Read<T>, row: unknown, what: string): void {
  const r = read(row);
  if (!r.ok) throw new RefusedWrite(`The ${what} was not stored: ${r.message}`);
}

/** Throws {@link RefusedWrite} unless the run row would read back. */
export const assertStorableRun = (row: RunRow) => assertReads(readRunRow, row, 'run');
/** Throws {@link RefusedWrite} unless the event row would read back. */
export const assertStorableEvent = (row: SessionEventRow) => assertReads(readEventRow, row, 'run event');
/** Throws {@link RefusedWrite} unless the call record would read back. */
export const assertStorableCall = (row: CallRow) => assertReads(readCallRow, row, 'call record');
/** Throws {@link RefusedWrite} unless the checkpoint would read back (and resume). */
export const assertStorableCheckpoint = (row: CheckpointRow) =>
  assertReads(readCheckpointRow, row, 'checkpoint');

/** The rows of `rows` that read (loaders skip the rest; the next load sets them aside). */
export function readable<T>(rows: readonly unknown[], read: (value: unknown) => Read<T>): T[] {
  const out: T[] = [];
  for (const row of rows) {
    const r = read(row);
    if (r.ok) out.push(r.row);
  }
  return out;
}
