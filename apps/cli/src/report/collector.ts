import { type IterationReport, promptDiff, type StopReason, type UpdateReport } from '@backflow/engine';
import type { CallTotals } from '@backflow/engine/optim/journal.ts';
import type { SessionEvent } from '@backflow/engine/protocol.ts';

/**
 * What the report has gathered from session events so far. Plain JSON: it is saved in the
 * checkpoint next to the session state, so a resumed run's report also covers the iterations that
 * ran before the interruption.
 */
export interface CollectorState {
  initialValScore: number | null;
  /** Call totals of the baseline validation (before iteration 1). */
  baselineTotals: CallTotals;
  /** The iteration in progress (its events so far). */
  current: {
    blame: Record<string, number>;
    proposals: Record<string, { before: string; after: string }>;
    updates: UpdateReport[];
    failedUpdates: { nodeId: string; error: string }[];
  };
  iterations: IterationReport[];
  /** Cumulative totals at the end of the last finished iteration. */
  lastTotals: CallTotals;
  stopReason: StopReason | null;
  finalValScore: number | null;
  finalPrompts: Record<string, string>;
}

/** A collector before any event. */
export function emptyCollector(): CollectorState {
  return {
    initialValScore: null,
    baselineTotals: { calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 },
    current: emptyIteration(),
    iterations: [],
    lastTotals: { calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 },
    stopReason: null,
    finalValScore: null,
    finalPrompts: {},
  };
}

function emptyIteration(): CollectorState['current'] {
  return { blame: {}, proposals: {}, updates: [], failedUpdates: [] };
}

function gateReason(event: Extract<SessionEvent, { type: 'gateDecided' }>): string {
  if (event.policy === 'none' || event.before === undefined || event.after === undefined) return 'no gate';
  const f = (x: number) => x.toFixed(3);
  return `${event.policy} gate on the ${event.on}: ${f(event.before)} -> ${f(event.after)}`;
}

/**
 * Folds one session event into the collector (mutates `state`; events arrive in order).
 * `cumulative` is the run's call totals so far; an iteration's calls, tokens and cost are the
 * difference from the previous iteration's end.
 */
export function collectEvent(state: CollectorState, event: SessionEvent, cumulative: CallTotals): void {
  const current = state.current;
  switch (event.type) {
    case 'validationScored':
      if (event.reason === 'baseline') {
        state.initialValScore = event.score;
        // The baseline is no iteration's work: iteration 1 counts from here.
        state.baselineTotals = { ...cumulative };
        state.lastTotals = { ...cumulative };
      }
      state.finalValScore = event.score;
      break;
    case 'blameComputed':
      current.blame = Object.fromEntries(Object.entries(event.blame).map(([id, b]) => [id, b.blame]));
      break;
    case 'updateProposed':
      current.proposals[event.nodeId] = { before: event.currentPrompt, after: event.proposedPrompt };
      break;
    case 'updateDecided': {
      const proposal = current.proposals[event.nodeId];
      if (proposal && event.decision.action === 'edit' && event.decision.prompt !== undefined) {
        proposal.after = event.decision.prompt;
      }
      break;
    }
    case 'updateFailed':
      current.failedUpdates.push({ nodeId: event.nodeId, error: event.error });
      break;
    case 'gateDecided':
      for (const nodeId of event.nodeIds) {
        const proposal = current.proposals[nodeId];
        if (!proposal) continue;
        const diff =
          proposal.before === proposal.after ? '' : promptDiff(nodeId, proposal.before, proposal.after);
        current.updates.push({
          nodeId,
          accepted: event.accepted,
          ...proposal,
          diff,
          reason: gateReason(event),
        });
      }
      break;
    case 'iterationDone':
      state.iterations.push(finishIteration(state, event, cumulative));
      state.lastTotals = { ...cumulative };
      state.current = emptyIteration();
      state.finalPrompts = { ...event.prompts };
      if (event.valScore !== undefined) state.finalValScore = event.valScore;
      break;
    case 'budgetExhausted':
      state.stopReason = 'budgetExhausted';
      break;
    case 'runDone':
      state.stopReason = event.reason;
      state.finalPrompts = { ...event.prompts };
      if (event.valScore !== undefined) state.finalValScore = event.valScore;
      break;
    default:
      break;
  }
}

function finishIteration(
  state: CollectorState,
  event: Extract<SessionEvent, { type: 'iterationDone' }>,
  now: CallTotals,
): IterationReport {
  const before = state.lastTotals;
  const tokens = (t: CallTotals) => t.inputTokens + t.outputTokens;
  return {
    index: event.iteration,
    trainScore: event.trainScore,
    valScore: event.valScore ?? null,
    blame: state.current.blame,
    updates: state.current.updates,
    failedUpdates: state.current.failedUpdates,
    calls: now.calls - before.calls,
    tokens: tokens(now) - tokens(before),
    costUsd: now.costUsd - before.costUsd,
  };
}
