/**
 * The live view of one optimization run on the main thread, built ONLY from events already stored
 * in IndexedDB (the driver applies an event after its write commits). Kept out of the studio
 * store: none of it belongs in the undo history, and the canvas subscribes per node.
 */
import type {
  CallRecord,
  CallTotals,
  NodeBlame,
  SessionEvent,
  UpdateProposedEvent,
  Workflow,
} from '@backflow/engine';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ResumableRun } from '../persistence/runs';

export type OptimizeStatus =
  | 'idle'
  | 'ready'
  | 'running'
  | 'awaiting'
  | 'paused'
  | 'done'
  | 'budget'
  | 'error';

/** Timings for the ETA: main-thread clock at each finished unit. */
export interface UnitClock {
  startedAt: number;
  unitsDone: number;
  lastAt: number;
}

export interface OptimizeState {
  runId: string | null;
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
  proposals: Record<string, UpdateProposedEvent>;
  awaiting: string[];
  message: string | null;
  resumable: ResumableRun | null;
  clock: UnitClock | null;
}

export type OptimizeStore = StoreApi<OptimizeState>;

const ZERO: CallTotals = { calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 };

/** The state before any run. */
export function initialOptimizeState(): OptimizeState {
  return {
    runId: null,
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
    proposals: {},
    awaiting: [],
    message: null,
    resumable: null,
    clock: null,
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
      return { ...base, backwardOrder: [], blame: {}, proposals: {} };
    case 'backwardNode':
      return { ...base, backwardOrder: [...state.backwardOrder, event.nodeId] };
    case 'blameComputed':
      return { ...base, blame: event.blame };
    case 'updateProposed':
      return { ...base, proposals: { ...state.proposals, [event.nodeId]: event } };
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
      return {
        ...base,
        status: 'error',
        message: event.aborted ? 'Aborted.' : `Error in ${event.unit}: ${event.message}`,
      };
    default:
      return base;
  }
}

function doneMessage(reason: 'completed' | 'earlyStop', valScore?: number): string {
  const score = valScore === undefined ? '' : ` Validation score ${Math.round(valScore * 100)}%.`;
  return reason === 'earlyStop' ? `Done early: validation is perfect.${score}` : `Run complete.${score}`;
}
