import type { CallRecord, CallTotals, SessionEvent } from '@backflow/engine';
import { type CallSums, sumCalls } from './calls';
import { currentIteration, eventsOfType } from './events';

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

function latestTotals(events: readonly SessionEvent[]): CallTotals {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i];
    if (e && 'totals' in e) return { ...e.totals };
  }
  return { calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 };
}

/** Summarises a run from its events and call records. */
export function runSummary(events: readonly SessionEvent[], calls: readonly CallRecord[]): RunSummary {
  const done = eventsOfType(events, 'runDone').at(-1);
  const last = events.at(-1);
  const vals = eventsOfType(events, 'validationScored');
  const iterationsDone = new Set(eventsOfType(events, 'iterationDone').map((e) => e.iteration)).size;
  const progress = eventsOfType(events, 'progress').at(-1);
  const exhausted = eventsOfType(events, 'budgetExhausted').at(-1);
  const promptsFrom = done ?? eventsOfType(events, 'iterationDone').at(-1);
  let status: RunSummary['status'] = 'running';
  if (events.length === 0) status = 'notStarted';
  else if (done) status = done.reason;
  else if (last?.type === 'error') status = last.aborted ? 'aborted' : 'failed';
  else if (last?.type === 'awaitingDecisions') status = 'awaitingDecisions';
  const valScores = [...vals.map((v) => v.score), ...(done?.valScore === undefined ? [] : [done.valScore])];
  return {
    status,
    iteration: currentIteration(events),
    iterationsDone,
    unitsDone: progress ? progress.unitIndex + 1 : 0,
    totalUnitsEstimate: progress?.totalUnitsEstimate ?? null,
    baselineValScore: vals.find((v) => v.reason === 'baseline')?.score ?? null,
    valScore: done?.valScore ?? vals.at(-1)?.score ?? null,
    bestValScore: valScores.length > 0 ? Math.max(...valScores) : null,
    totals: latestTotals(events),
    records: sumCalls(calls),
    ...(last?.type === 'error'
      ? { error: { unit: last.unit, message: last.message, aborted: last.aborted } }
      : {}),
    ...(exhausted ? { budgetStop: { nextUnit: exhausted.nextUnit, message: budgetMessage(exhausted) } } : {}),
    prompts: { ...(promptsFrom?.prompts ?? {}) },
  };
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

/**
 * A stored run's status in the history: the events of a run aborted while paused (or left by a
 * reload) end like those of a running one, yet only a run open in this tab can be running or
 * waiting. `open` says whether this run is the live one and still open.
 */
export function historyStatus(status: RunSummary['status'], open: boolean): RunSummary['status'] {
  return !open && (status === 'running' || status === 'awaitingDecisions') ? 'stopped' : status;
}
