/**
 * A run's digest: what the run history shows of it (status, scores, totals, call/token/cost sums,
 * the curves' points), kept on its run row (`RunRow.digest`) and folded forward as each event and
 * call record is stored, so listing runs never reads the `runEvents` and `calls` tables (issue 19:
 * a 10,000-call run made the history read and check every row). Pure: no Dexie.
 *
 * It is the one fold of a run's rows: `runSummary` and `metricSeries` fold the whole rows with it
 * (`digestOf`) and read the result, so the history's stored digest and the open run's views can
 * never tell two stories. Events and calls fold into separate fields, so the order in which the
 * two tables' rows arrive does not matter.
 */
import {
  addCallRecord,
  type CallRecord,
  type CallSums,
  type CallTotals,
  emptyCallSums,
  type SessionEvent,
} from '@backflow/engine';
import { callIteration } from './calls';

/** The digest's format version; a row with another one is rebuilt from its rows when listed. */
export const RUN_DIGEST_VERSION = 1;

/** One finished iteration, from its latest `iterationDone`. */
interface DigestIteration {
  iteration: number;
  trainScore: number;
  valScore: number | null;
  totals: CallTotals;
}

/** The gate's and the person's decisions in one iteration, and the nodes whose update failed. */
interface DigestDecisions {
  iteration: number;
  accepted: number;
  rejected: number;
  failed: string[];
}

/** The fold of a run's events and call records, as stored on its row. */
export interface RunDigest {
  v: typeof RUN_DIGEST_VERSION;
  /** Events folded in (0: the run has not started). */
  events: number;
  /** The highest iteration any event belongs to. */
  iteration: number;
  /** The latest event's type (the status reads it), and its error when it was one. */
  lastType: SessionEvent['type'] | null;
  error: { unit: string; message: string; aborted: boolean } | null;
  /** The latest `runDone`. */
  done: { reason: Extract<SessionEvent, { type: 'runDone' }>['reason']; valScore: number | null } | null;
  progress: { unitIndex: number; totalUnitsEstimate: number } | null;
  baselineValScore: number | null;
  /** The latest and the best `validationScored` score (`runDone`'s is added when read). */
  lastValScore: number | null;
  bestValScore: number | null;
  /** The engine's totals, from the latest event that carries them. */
  totals: CallTotals;
  budgetStop: { nextUnit: string; message: string } | null;
  iterations: DigestIteration[];
  decisions: DigestDecisions[];
  /** Sums over the call records. */
  records: CallSums;
  /** The call records' new (not cached) cost per iteration their key names; calls without one are left out. */
  costs: { iteration: number; costUsd: number }[];
}

/** The sentence shown when the budget stopped a run. */
export function budgetMessage(e: Extract<SessionEvent, { type: 'budgetExhausted' }>): string {
  const limits: string[] = [];
  if (e.budget.maxCalls !== undefined) limits.push(`${e.totals.calls}/${e.budget.maxCalls} calls`);
  if (e.budget.maxTokens !== undefined)
    limits.push(`${e.totals.inputTokens + e.totals.outputTokens}/${e.budget.maxTokens} tokens`);
  if (e.budget.maxCostUsd !== undefined)
    limits.push(`$${e.totals.costUsd.toFixed(4)}/$${e.budget.maxCostUsd.toFixed(4)}`);
  return `Budget reached (${limits.join(', ') || 'no limit set'}): "${e.nextUnit}" would need about ${e.estimate.calls} more call(s). Everything so far is saved.`;
}

/** The digest of a run with nothing stored yet. */
export function emptyDigest(): RunDigest {
  return {
    v: RUN_DIGEST_VERSION,
    events: 0,
    iteration: 0,
    lastType: null,
    error: null,
    done: null,
    progress: null,
    baselineValScore: null,
    lastValScore: null,
    bestValScore: null,
    totals: { calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 },
    budgetStop: null,
    iterations: [],
    decisions: [],
    records: emptyCallSums(),
    costs: [],
  };
}

/** The entry of `list` for `iteration`, added (from `create`) when missing. */
function entryOf<T extends { iteration: number }>(list: T[], iteration: number, create: () => T): T {
  let entry = list.find((x) => x.iteration === iteration);
  if (!entry) {
    entry = create();
    list.push(entry);
  }
  return entry;
}

const decisionsOf = (d: RunDigest, iteration: number) =>
  entryOf(d.decisions, iteration, () => ({ iteration, accepted: 0, rejected: 0, failed: [] }));

/** Folds one more stored event into `d` (changed in place, and returned). */
export function foldEvent(d: RunDigest, e: SessionEvent): RunDigest {
  d.events++;
  if (e.iteration > d.iteration) d.iteration = e.iteration;
  d.lastType = e.type;
  d.error = e.type === 'error' ? { unit: e.unit, message: e.message, aborted: e.aborted } : null;
  if ('totals' in e) d.totals = { ...e.totals };
  switch (e.type) {
    case 'runDone':
      d.done = { reason: e.reason, valScore: e.valScore ?? null };
      break;
    case 'progress':
      d.progress = { unitIndex: e.unitIndex, totalUnitsEstimate: e.totalUnitsEstimate };
      break;
    case 'validationScored':
      if (e.reason === 'baseline' && d.baselineValScore === null) d.baselineValScore = e.score;
      d.lastValScore = e.score;
      d.bestValScore = d.bestValScore === null ? e.score : Math.max(d.bestValScore, e.score);
      break;
    case 'budgetExhausted':
      d.budgetStop = { nextUnit: e.nextUnit, message: budgetMessage(e) };
      break;
    case 'iterationDone':
      d.iterations = d.iterations.filter((x) => x.iteration !== e.iteration);
      d.iterations.push({
        iteration: e.iteration,
        trainScore: e.trainScore,
        valScore: e.valScore ?? null,
        totals: { ...e.totals },
      });
      break;
    case 'gateDecided': {
      const x = decisionsOf(d, e.iteration);
      if (e.accepted) x.accepted += e.nodeIds.length;
      else x.rejected += e.nodeIds.length;
      break;
    }
    case 'updateDecided':
      // A person's rejection never reaches the gate: it counts as rejected too.
      if (e.decision.action === 'reject') decisionsOf(d, e.iteration).rejected++;
      break;
    case 'updateFailed': {
      const x = decisionsOf(d, e.iteration);
      if (!x.failed.includes(e.nodeId)) x.failed.push(e.nodeId);
      break;
    }
    default:
      break;
  }
  return d;
}

/** Folds one more stored call record into `d` (changed in place, and returned). */
export function foldCall(d: RunDigest, c: CallRecord): RunDigest {
  addCallRecord(d.records, c);
  if (!c.cached) {
    const iteration = callIteration(c);
    if (iteration !== undefined)
      entryOf(d.costs, iteration, () => ({ iteration, costUsd: 0 })).costUsd += c.costUsd;
  }
  return d;
}

/** The digest of a run's stored events (in order) and call records, folded from scratch. */
export function digestOf(events: readonly SessionEvent[], calls: readonly CallRecord[]): RunDigest {
  const d = emptyDigest();
  for (const e of events) foldEvent(d, e);
  for (const c of calls) foldCall(d, c);
  return d;
}

const isObj = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number';
const numOrNull = (v: unknown) => v === null || isNum(v);
const numbers = (v: unknown, fields: readonly string[]) => isObj(v) && fields.every((f) => isNum(v[f]));
const TOTALS = ['calls', 'inputTokens', 'outputTokens', 'costUsd'] as const;
const RECORDS = [
  'calls',
  'cachedCalls',
  'failedCalls',
  'inputTokens',
  'cachedInputTokens',
  'outputTokens',
  'costUsd',
];

/**
 * Whether a stored digest has this build's shape (a row's digest that does not is dropped when the
 * row is read, and rebuilt from the run's rows when it is next listed).
 */
export function isRunDigest(v: unknown): v is RunDigest {
  if (!isObj(v) || v.v !== RUN_DIGEST_VERSION) return false;
  const { done, error, progress, budgetStop, iterations, decisions, costs } = v;
  return (
    isNum(v.events) &&
    isNum(v.iteration) &&
    (v.lastType === null || typeof v.lastType === 'string') &&
    (error === null ||
      (isObj(error) &&
        typeof error.unit === 'string' &&
        typeof error.message === 'string' &&
        typeof error.aborted === 'boolean')) &&
    (done === null || (isObj(done) && typeof done.reason === 'string' && numOrNull(done.valScore))) &&
    (progress === null || numbers(progress, ['unitIndex', 'totalUnitsEstimate'])) &&
    numOrNull(v.baselineValScore) &&
    numOrNull(v.lastValScore) &&
    numOrNull(v.bestValScore) &&
    numbers(v.totals, TOTALS) &&
    (budgetStop === null ||
      (isObj(budgetStop) &&
        typeof budgetStop.nextUnit === 'string' &&
        typeof budgetStop.message === 'string')) &&
    Array.isArray(iterations) &&
    iterations.every(
      (x) => numbers(x, ['iteration', 'trainScore']) && numOrNull(x.valScore) && numbers(x.totals, TOTALS),
    ) &&
    Array.isArray(decisions) &&
    decisions.every(
      (x) =>
        numbers(x, ['iteration', 'accepted', 'rejected']) &&
        Array.isArray(x.failed) &&
        x.failed.every((n: unknown) => typeof n === 'string'),
    ) &&
    numbers(v.records, RECORDS) &&
    Array.isArray(costs) &&
    costs.every((x) => numbers(x, ['iteration', 'costUsd']))
  );
}
