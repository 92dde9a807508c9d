import type { CallRecord, CallSums, CallTotals, SessionEvent } from '@backflow/engine';
import { digestOf, type RunDigest } from './digest';
import { eventsOfType } from './events';

/** Where a run stands, in one object (run history rows, headers, reports). */
export interface RunSummary {
  status:
    | 'notStarted'
    | 'running'
    | 'awaitingDecisions'
    | 'failed'
    /** Ended by Abort while a unit was in flight (the engine's aborted error event). */
    | 'aborted'
    /** Unfinished and not open in this tab (aborted while paused, or left by a reload): resumable. */
    | 'stopped'
    | 'completed'
    | 'earlyStop'
    | 'budgetExhausted';
  iteration: number;
  iterationsDone: number;
  unitsDone: number;
  totalUnitsEstimate: number | null;
  baselineValScore: number | null;
  /** The latest validation score measured (null when never measured). */
  valScore: number | null;
  bestValScore: number | null;
  /** The engine's totals (replays not counted twice), from the latest event that carries them. */
  totals: CallTotals;
  /** Sums over the call records (adds cached and failed counts). */
  records: CallSums;
  /** The last unit error, when the latest thing that happened was an error. */
  error?: { unit: string; message: string; aborted: boolean };
  /** Set when the budget stopped the run: the unit that was not started and the limits. */
  budgetStop?: { nextUnit: string; message: string };
  /** The prompts in force at the end (or after the latest finished iteration). */
  prompts: Record<string, string>;
}

/** What the history shows of a run: its summary without the prompts in force. */
export type HistorySummary = Omit<RunSummary, 'prompts'>;

/** What the history row shows of a run, read from its digest: its summary less the prompts. */
export function summaryOf(d: RunDigest): HistorySummary {
  let status: RunSummary['status'] = 'running';
  if (d.events === 0) status = 'notStarted';
  else if (d.done) status = d.done.reason;
  else if (d.lastType === 'error') status = d.error?.aborted ? 'aborted' : 'failed';
  else if (d.lastType === 'awaitingDecisions') status = 'awaitingDecisions';
  const doneVal = d.done?.valScore ?? null;
  const best = [d.bestValScore, doneVal].filter((v): v is number => v !== null);
  return {
    status,
    iteration: d.iteration,
    iterationsDone: d.iterations.length,
    unitsDone: d.progress ? d.progress.unitIndex + 1 : 0,
    totalUnitsEstimate: d.progress?.totalUnitsEstimate ?? null,
    baselineValScore: d.baselineValScore,
    valScore: doneVal ?? d.lastValScore,
    bestValScore: best.length > 0 ? Math.max(...best) : null,
    totals: { ...d.totals },
    records: { ...d.records },
    ...(d.error ? { error: { ...d.error } } : {}),
    ...(d.budgetStop ? { budgetStop: { ...d.budgetStop } } : {}),
  };
}

/** Summarises a run from its events and call records. */
export function runSummary(events: readonly SessionEvent[], calls: readonly CallRecord[]): RunSummary {
  const promptsFrom = eventsOfType(events, 'runDone').at(-1) ?? eventsOfType(events, 'iterationDone').at(-1);
  return { ...summaryOf(digestOf(events, calls)), prompts: { ...(promptsFrom?.prompts ?? {}) } };
}

/**
 * A stored run's status in the history: the events of a run aborted while paused (or left by a
 * reload) end like those of a running one, yet only a run open in this tab can be running or
 * waiting. `open` says whether this run is the live one and still open.
 */
export function historyStatus(status: RunSummary['status'], open: boolean): RunSummary['status'] {
  return !open && (status === 'running' || status === 'awaitingDecisions') ? 'stopped' : status;
}
