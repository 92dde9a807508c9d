/**
 * What the workflow document takes from a run: prompts, from its stored session events only (never
 * from a button press). Pure.
 */
import type { SessionEvent } from '@backflow/engine';

/**
 * The prompts `event` puts into the run's workflow document, by node id (null: none). `events` are
 * the run's stored events up to and including `event`.
 * - `updateDecided`: a person's accept or edit shows the decided prompt at once (the session's own
 *   decisions, on unchanged proposals, change nothing);
 * - `gateDecided`: the prompts in force for the nodes the gate weighed: the candidates it accepted,
 *   or the prompts from before when it rejected them (a proposal a person accepted goes back);
 * - `runDone`: the run's final prompts (already there, unless the document was edited meanwhile).
 */
export function documentPromptsOf(
  event: SessionEvent,
  events: readonly SessionEvent[],
): Record<string, string> | null {
  switch (event.type) {
    case 'updateDecided': {
      if (event.reason !== undefined || event.decision.action === 'reject') return null;
      if (event.decision.action === 'edit') {
        return event.decision.prompt === undefined ? null : { [event.nodeId]: event.decision.prompt };
      }
      const proposal = events.findLast(
        (e) => e.type === 'updateProposed' && e.nodeId === event.nodeId && e.iteration === event.iteration,
      );
      return proposal?.type === 'updateProposed' ? { [event.nodeId]: proposal.proposedPrompt } : null;
    }
    case 'gateDecided':
      return Object.keys(event.prompts).length > 0 ? event.prompts : null;
    case 'runDone':
      return event.prompts;
    default:
      return null;
  }
}
