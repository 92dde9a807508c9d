/**
 * THE fold of an optimization run's session events into what its report says, for every host: the
 * CLI folds each event as it happens and saves the fold in its checkpoint (so a resumed run's
 * report also covers the iterations before the interruption); the studio folds its stored events
 * when it exports. Plain JSON throughout.
 */
import { foldGepaCandidate, type GepaReport } from '../algorithms/gepa/report';
import type { NodeBlame } from '../backward/blame';
import { type CallTotals, emptyTotals } from '../optim/journal';
import type { GateDecidedEvent, SessionEvent } from '../protocol';
import type { IterationReport, NodeEvidenceReport, StopReason, UpdateReport } from './optimize-report';
import { promptDiff } from './prompt-diff';

/** What the report has gathered from session events so far. */
export interface ReportFold {
  initialValScore: number | null;
  /** Call totals of the baseline validation (before iteration 1). */
  baselineTotals: CallTotals;
  /** The iteration in progress (its events so far). */
  current: {
    blame: Record<string, NodeBlame>;
    evidence: Record<string, NodeEvidenceReport>;
    proposals: Record<string, { before: string; after: string }>;
    updates: UpdateReport[];
    failedUpdates: { nodeId: string; error: string }[];
  };
  iterations: IterationReport[];
  /** Per finished iteration (same order as `iterations`): the engine's blame with its counts and evidence. */
  blameDetails: Record<string, NodeBlame>[];
  /** Cumulative totals at the end of the last finished iteration. */
  lastTotals: CallTotals;
  stopReason: StopReason | null;
  finalValScore: number | null;
  finalPrompts: Record<string, string>;
  /** The budget stop as a sentence, when the budget stopped the run. */
  budgetMessage: string | null;
  /** GEPA's candidate pool (null for the other optimizers). */
  gepa: GepaReport | null;
}

/** A fold before any event. */
export function emptyReportFold(): ReportFold {
  return {
    initialValScore: null,
    baselineTotals: emptyTotals(),
    current: emptyIteration(),
    iterations: [],
    blameDetails: [],
    lastTotals: emptyTotals(),
    stopReason: null,
    finalValScore: null,
    finalPrompts: {},
    budgetMessage: null,
    gepa: null,
  };
}

/** A fold saved by an older version (a checkpoint), with the fields it lacks filled in empty. */
export function reviveReportFold(saved: Partial<ReportFold> | undefined): ReportFold {
  const fold = { ...emptyReportFold(), ...saved };
  return { ...fold, current: { ...emptyIteration(), ...fold.current } };
}

function emptyIteration(): ReportFold['current'] {
  return { blame: {}, evidence: {}, proposals: {}, updates: [], failedUpdates: [] };
}

/** Why the gate decided as it did, e.g. "strict gate on the minibatch: 0.500 -> 0.750". */
export function gateReason(event: GateDecidedEvent): string {
  if (event.policy === 'none' || event.before === undefined || event.after === undefined) return 'no gate';
  const f = (x: number) => x.toFixed(3);
  return `${event.policy} gate on the ${event.on}: ${f(event.before)} -> ${f(event.after)}`;
}

function decided(nodeId: string, p: { before: string; after: string }, accepted: boolean, reason: string) {
  const diff = promptDiff(nodeId, p.before, p.after);
  return { nodeId, accepted, ...p, diff, reason } satisfies UpdateReport;
}

/**
 * Folds one session event into `fold` (mutates it; events arrive in order). `cumulative` is the
 * run's call totals up to and including this event's unit, as the host counts them; an
 * iteration's calls, tokens and cost are the difference from the previous iteration's end. A
 * proposal a person rejected never reaches the gate: it is listed as not accepted, with that reason.
 */
export function foldReportEvent(fold: ReportFold, event: SessionEvent, cumulative: CallTotals): void {
  const current = fold.current;
  switch (event.type) {
    case 'validationScored':
      if (event.reason === 'baseline') {
        fold.initialValScore = event.score;
        // The baseline is no iteration's work: iteration 1 counts from here.
        fold.baselineTotals = { ...cumulative };
        fold.lastTotals = { ...cumulative };
      }
      fold.finalValScore = event.score;
      break;
    case 'blameComputed':
      current.blame = event.blame;
      current.evidence = {};
      for (const [nodeId, e] of Object.entries(event.evidence ?? {}))
        current.evidence[nodeId] = { askedOn: e.askedOn, keptOn: e.keptOn };
      break;
    case 'updateProposed': {
      current.proposals[event.nodeId] = { before: event.currentPrompt, after: event.proposedPrompt };
      const evidence = current.evidence[event.nodeId];
      if (event.counterfactual && evidence) evidence.counterfactual = event.counterfactual;
      break;
    }
    case 'updateDecided': {
      const proposal = current.proposals[event.nodeId];
      if (!proposal) break;
      if (event.decision.action === 'edit' && event.decision.prompt !== undefined) {
        proposal.after = event.decision.prompt;
      }
      if (event.decision.action === 'reject') {
        current.updates.push(decided(event.nodeId, proposal, false, 'rejected by a person'));
        delete current.proposals[event.nodeId];
      }
      break;
    }
    case 'updateFailed':
      current.failedUpdates.push({ nodeId: event.nodeId, error: event.error });
      break;
    case 'gateDecided':
      for (const nodeId of event.nodeIds) {
        const proposal = current.proposals[nodeId];
        if (proposal) current.updates.push(decided(nodeId, proposal, event.accepted, gateReason(event)));
      }
      break;
    case 'iterationDone':
      fold.iterations.push(finishIteration(fold, event, cumulative));
      fold.blameDetails.push(current.blame);
      fold.lastTotals = { ...cumulative };
      fold.current = emptyIteration();
      fold.finalPrompts = { ...event.prompts };
      if (event.valScore !== undefined) fold.finalValScore = event.valScore;
      break;
    case 'budgetExhausted':
      fold.stopReason = 'budgetExhausted';
      fold.budgetMessage = `Stopped at the budget before "${event.nextUnit}" (it needed about ${event.estimate.calls} more calls); ${event.totals.calls} calls were made.`;
      break;
    case 'gepaCandidate':
      fold.gepa = foldGepaCandidate(fold.gepa, event);
      break;
    case 'runDone':
      fold.stopReason = event.reason;
      fold.finalPrompts = { ...event.prompts };
      if (event.valScore !== undefined) fold.finalValScore = event.valScore;
      break;
    default:
      break;
  }
}

function finishIteration(
  fold: ReportFold,
  event: Extract<SessionEvent, { type: 'iterationDone' }>,
  now: CallTotals,
): IterationReport {
  const before = fold.lastTotals;
  const tokens = (t: CallTotals) => t.inputTokens + t.outputTokens;
  return {
    index: event.iteration,
    trainScore: event.trainScore,
    valScore: event.valScore ?? null,
    blame: Object.fromEntries(Object.entries(fold.current.blame).map(([id, b]) => [id, b.blame])),
    ...(Object.keys(fold.current.evidence).length > 0 ? { evidence: fold.current.evidence } : {}),
    updates: fold.current.updates,
    failedUpdates: fold.current.failedUpdates,
    calls: now.calls - before.calls,
    tokens: tokens(now) - tokens(before),
    costUsd: now.costUsd - before.costUsd,
  };
}

/**
 * Folds a whole stored run. `cumulativeAt(event)` gives the host's call totals up to that event's
 * unit (the studio sums its call records up to the event's iteration).
 */
export function foldReport(
  events: readonly SessionEvent[],
  cumulativeAt: (event: SessionEvent) => CallTotals,
): ReportFold {
  const fold = emptyReportFold();
  for (const event of events) foldReportEvent(fold, event, cumulativeAt(event));
  return fold;
}
