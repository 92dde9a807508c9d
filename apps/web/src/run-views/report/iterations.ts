import type { CallRecord, GateDecidedEvent, SessionEvent } from '@backflow/engine';
import { promptDiff } from '@backflow/engine';
import { callIteration, sumCalls } from '../derive/calls';
import type { IterationReport, UpdateReport } from './report-types';

function gateReason(e: GateDecidedEvent): string {
  if (e.policy === 'none' || e.before === undefined || e.after === undefined) return 'no gate';
  return `${e.policy} gate on the ${e.on}: ${e.before.toFixed(3)} -> ${e.after.toFixed(3)}`;
}

/**
 * The report's iterations, folded from the events the way the CLI's collector folds them (so both
 * reports agree), with calls, tokens and cost per iteration from the call records (`it<N>/` keys).
 * A proposal a person rejected never reaches the gate; it is listed as not accepted, with that reason.
 */
export function iterationReports(
  events: readonly SessionEvent[],
  calls: readonly CallRecord[],
): IterationReport[] {
  const out: IterationReport[] = [];
  let blame: Record<string, number> = {};
  let proposals = new Map<string, { before: string; after: string }>();
  let updates: UpdateReport[] = [];
  let failedUpdates: { nodeId: string; error: string }[] = [];
  for (const e of events) {
    switch (e.type) {
      case 'blameComputed':
        blame = Object.fromEntries(Object.entries(e.blame).map(([id, b]) => [id, b.blame]));
        break;
      case 'updateProposed':
        proposals.set(e.nodeId, { before: e.currentPrompt, after: e.proposedPrompt });
        break;
      case 'updateDecided': {
        const p = proposals.get(e.nodeId);
        if (!p) break;
        if (e.decision.action === 'edit' && e.decision.prompt !== undefined) p.after = e.decision.prompt;
        if (e.decision.action === 'reject') {
          updates.push({
            nodeId: e.nodeId,
            accepted: false,
            ...p,
            diff: promptDiff(e.nodeId, p.before, p.after),
            reason: 'rejected by a person',
          });
          proposals.delete(e.nodeId);
        }
        break;
      }
      case 'updateFailed':
        failedUpdates.push({ nodeId: e.nodeId, error: e.error });
        break;
      case 'gateDecided':
        for (const nodeId of e.nodeIds) {
          const p = proposals.get(nodeId);
          if (!p) continue;
          updates.push({
            nodeId,
            accepted: e.accepted,
            ...p,
            diff: promptDiff(nodeId, p.before, p.after),
            reason: gateReason(e),
          });
        }
        break;
      case 'iterationDone': {
        const sums = sumCalls(calls.filter((c) => callIteration(c) === e.iteration));
        out.push({
          index: e.iteration,
          trainScore: e.trainScore,
          valScore: e.valScore ?? null,
          blame,
          updates,
          failedUpdates,
          calls: sums.calls,
          tokens: sums.inputTokens + sums.outputTokens,
          costUsd: sums.costUsd,
        });
        blame = {};
        proposals = new Map();
        updates = [];
        failedUpdates = [];
        break;
      }
      default:
        break;
    }
  }
  return out;
}
