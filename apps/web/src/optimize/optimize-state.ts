/**
 * The live view of one optimization run on the main thread, built ONLY from events already stored
 * in IndexedDB (the driver applies an event after its write commits). Kept out of the studio
 * store: none of it belongs in the undo history, and the canvas subscribes per node.
 */
import type {
  CallRecord,
  CallTotals,
  CounterfactualCheck,
  NodeBlame,
  SessionEvent,
  SessionSettings,
  SessionState,
  TestSplitScore,
  Workflow,
} from '@backflow/engine';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ResumableRun } from '../persistence/runs';
import type { StudioRunFacts } from '../run-views/report/build-report';
import type { OptimizeForm } from './form';

export type OptimizeStatus =
  | 'idle'
  | 'ready'
  | 'running'
  | 'awaiting'
  | 'paused'
  | 'done'
  | 'budget'
  | 'error'
  /** Stopped by the person (Abort); stored up to its last checkpoint and offered for resume. */
  | 'aborted';

/** Each status in words, for the run meter (the name itself stays in `data-status`). */
export const STATUS_LABEL: Record<OptimizeStatus, string> = {
  idle: 'no run',
  ready: 'ready',
  running: 'running',
  awaiting: 'waiting for your decisions',
  paused: 'paused',
  done: 'finished',
  budget: 'stopped at the budget',
  error: 'error',
  aborted: 'aborted',
};

/** Timings for the ETA: main-thread clock at each finished unit. */
export interface UnitClock {
  startedAt: number;
  unitsDone: number;
  lastAt: number;
}

export interface OptimizeState {
  runId: string | null;
  /** The settings the shown run was started with (null: no run, or a stored run's). */
  form: OptimizeForm | null;
  /** The workflow the run started from (the current document's, when resumed). */
  workflowBefore: Workflow | null;
  status: OptimizeStatus;
  /** Every stored event of the run, in order (the run views derive from it). */
  events: SessionEvent[];
  /** The run's call records, as stored. */
  calls: CallRecord[];
  iterations: number;
  iteration: number;
  unitIndex: number;
  totalUnitsEstimate: number;
  totals: CallTotals;
  /** Backward nodes reached in the current pass, in order; the last one is the current node. */
  backwardOrder: string[];
  /** Blame of the latest finished pass. */
  blame: Record<string, NodeBlame>;
  /** That pass's counterfactual checks: per node, whether its proposal alone fixed its examples. */
  checks: Record<string, CounterfactualCheck>;
  /** What the run's report says beyond its events (from its checkpoint; null before the first one). */
  facts: StudioRunFacts | null;
  awaiting: string[];
  message: string | null;
  resumable: ResumableRun | null;
  clock: UnitClock | null;
  /**
   * Set while a stored run (opened from the history) is shown, read-only, in place of the live
   * one; the rest of the state is then that run's, folded from its stored events like a live run's.
   */
  stored: StoredRunInfo | null;
  /** The run's held-out test split (null: the dataset has none, or a stored run's). */
  test: HeldOutTest | null;
}

/** The held-out test split of a run: waiting for the run's end, being scored, scored or failed. */
export type HeldOutTest =
  | { status: 'waiting' | 'scoring'; examples: number }
  | { status: 'scored'; examples: number; score: TestSplitScore }
  | { status: 'failed'; examples: number; message: string };

/** What the panel says about a stored run it shows, beyond its events and calls. */
export interface StoredRunInfo {
  /** e.g. "GTBP · 10:32:05" (as in the history list). */
  label: string;
  /** How it ended: finished, stopped at the budget, or stopped before its end (no `runDone`). */
  ending: 'completed' | 'earlyStop' | 'budgetExhausted' | 'stopped';
  /** The person discarded it (it is not offered for resume). */
  discarded: boolean;
  /** Epoch ms. */
  startedAt: number;
  /** When it finished, else when its last checkpoint was saved (null: neither is known). */
  endedAt: number | null;
  /** The prompt in force at the end, per llm node (from its events and its starting workflow). */
  finalPrompts: Record<string, string>;
  /** The workflow it started from with `finalPrompts` applied (null without a checkpoint). */
  workflowAfter: Workflow | null;
  /** Its resolved settings, from its checkpoint (null without one). */
  settings: SessionSettings | null;
  /** A live run was open (not finished) when this one was opened: resuming this one waits for it. */
  liveRunOpen: boolean;
}

export type OptimizeStore = StoreApi<OptimizeState>;

/** Statuses of a live run that is still open: it can go on, and a new one cannot start. */
export const OPEN_STATUSES: readonly OptimizeStatus[] = ['ready', 'running', 'awaiting', 'paused'];

const ZERO: CallTotals = { calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 };

/** The state before any run. */
export function initialOptimizeState(): OptimizeState {
  return {
    runId: null,
    form: null,
    workflowBefore: null,
    status: 'idle',
    events: [],
    calls: [],
    iterations: 0,
    iteration: 0,
    unitIndex: 0,
    totalUnitsEstimate: 0,
    totals: ZERO,
    backwardOrder: [],
    blame: {},
    checks: {},
    facts: null,
    awaiting: [],
    message: null,
    resumable: null,
    clock: null,
    stored: null,
    test: null,
  };
}

/** A fresh optimize store (one per studio, created where the studio is created). */
export function createOptimizeStore(): OptimizeStore {
  return createStore<OptimizeState>(() => initialOptimizeState());
}

/** Folds one stored event into the view. Pure: returns the patch. */
export function applyEvent(state: OptimizeState, event: SessionEvent): Partial<OptimizeState> {
  const events = [...state.events, event];
  const base = { events, iteration: event.iteration };
  switch (event.type) {
    case 'progress':
      return {
        ...base,
        unitIndex: event.unitIndex + 1,
        totalUnitsEstimate: event.totalUnitsEstimate,
        totals: event.totals,
      };
    case 'backwardSeeded':
      return { ...base, backwardOrder: [], blame: {}, checks: {} };
    case 'backwardNode':
      return { ...base, backwardOrder: [...state.backwardOrder, event.nodeId] };
    case 'blameComputed':
      return { ...base, blame: event.blame };
    case 'updateProposed':
      return event.counterfactual
        ? { ...base, checks: { ...state.checks, [event.nodeId]: event.counterfactual } }
        : base;
    case 'awaitingDecisions':
      return { ...base, awaiting: event.nodeIds, status: 'awaiting' };
    case 'updateDecided':
      return { ...base, awaiting: state.awaiting.filter((id) => id !== event.nodeId) };
    case 'iterationDone':
      return { ...base, totals: event.totals };
    case 'budgetExhausted':
      return {
        ...base,
        status: 'budget',
        totals: event.totals,
        message: `Stopped at the budget before "${event.nextUnit}" (it needed about ${event.estimate.calls} more calls). ${event.totals.calls} calls were made; everything so far is saved.`,
      };
    case 'runDone':
      return {
        ...base,
        status: event.reason === 'budgetExhausted' ? 'budget' : 'done',
        totals: event.totals,
        ...(event.reason === 'budgetExhausted' ? {} : { message: doneMessage(event.reason, event.valScore) }),
      };
    case 'error':
      return event.aborted
        ? { ...base, status: 'aborted', message: abortedMessage(state) }
        : { ...base, status: 'error', message: `Error in ${event.unit}: ${event.message}` };
    default:
      return base;
  }
}

/** Folds stored events, in order, into `state` (a resumed run's view, a stored run's view). */
export function foldEvents(state: OptimizeState, events: readonly SessionEvent[]): OptimizeState {
  let view = state;
  for (const event of events) view = { ...view, ...applyEvent(view, event) };
  return view;
}

/** Iterations whose backward pass started, in order (the ones a stored run's view can show). */
export function passIterations(events: readonly SessionEvent[]): number[] {
  const out = new Set<number>();
  for (const e of events) if (e.type === 'backwardSeeded') out.add(e.iteration);
  return [...out].sort((a, b) => a - b);
}

/**
 * The backward pass of `iteration` as the canvas and the panel show it (walk order and blame;
 * its proposals are `proposalsOf(events, iteration)`), folded from that iteration's events the way
 * the live run folds them.
 */
export function passAt(state: OptimizeState, iteration: number): Partial<OptimizeState> {
  const blank = { ...state, events: [], backwardOrder: [], blame: {}, checks: {} };
  const pass = foldEvents(
    blank,
    state.events.filter((e) => e.iteration === iteration),
  );
  return { iteration, backwardOrder: pass.backwardOrder, blame: pass.blame, checks: pass.checks };
}

/** A run's report facts from its session state (settings and split sizes), resumes and start. */
export function runFactsOf(state: SessionState, resumes: number, startedAt: number): StudioRunFacts {
  return {
    settings: state.settings,
    trainExamples: state.train.length,
    valExamples: state.val.length,
    resumes,
    startedAt,
  };
}

/** What the panel says after Abort: where the run stopped and that it can go on. */
export function abortedMessage(state: Pick<OptimizeState, 'iteration' | 'totals'>): string {
  return `Aborted in iteration ${Math.max(1, state.iteration)} after ${state.totals.calls} calls. Everything up to the last finished step is saved: Resume goes on from there, or start a new run.`;
}

function doneMessage(reason: 'completed' | 'earlyStop', valScore?: number): string {
  const score = valScore === undefined ? '' : ` Validation score ${Math.round(valScore * 100)}%.`;
  return reason === 'earlyStop' ? `Done early: validation is perfect.${score}` : `Run complete.${score}`;
}
