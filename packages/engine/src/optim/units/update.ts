import type { LlmNode } from '../../graph/schema';
import { counterfactualOn } from '../call-counts';
import type { IterationScratch, SessionState } from '../state';
import type { UpdateInput } from '../update/types';
import { errorBatchItems, signalsAbout } from './backward';
import { checkCounterfactual } from './counterfactual';
import { eventBase, iterationKey, operatorOf, scratchOf, type UnitEnv, type UnitEvents } from './env';

/**
 * What the update operator at `nodeId` is given: a function of the state alone, so the lookahead
 * (lookahead.ts) can start the same calls while earlier units still run.
 */
export function updateInput(state: SessionState, scratch: IterationScratch, nodeId: string): UpdateInput {
  const node = state.workflow.nodes.find((n): n is LlmNode => n.id === nodeId && n.kind === 'llm');
  if (!node) throw new Error(`update of "${nodeId}": not an llm node`);
  return {
    workflow: state.workflow,
    node,
    batch: errorBatchItems(state, scratch),
    received: signalsAbout(scratch.signals, nodeId),
    targets: scratch.targets[nodeId] ?? {},
    iteration: state.iteration,
    settings: state.settings,
    lastAddIteration: state.lastClaimAdd[nodeId] ?? null,
    callKeyPrefix: `${iterationKey(state)}/upd/${nodeId}`,
  };
}

/** Whether this session checks proposals counterfactually (the setting; "auto" on the simulator). */
export function checksCounterfactually(env: Pick<UnitEnv, 'state' | 'ctx'>): boolean {
  const simulated = env.ctx.forwardModel.simulated === true && env.ctx.optimizerModel.simulated === true;
  return counterfactualOn(env.state.settings, simulated);
}

/** Update: the algorithm's operator proposes a new prompt for one node (nothing is applied yet). */
export async function updateUnit(env: UnitEnv, index: number): Promise<UnitEvents> {
  const { state } = env;
  const scratch = scratchOf(state);
  const nodeId = scratch.updateNodes[index];
  if (nodeId === undefined) throw new Error(`update step ${index} has no llm node`);
  const outcome = await operatorOf(env)(env.ctx, updateInput(state, scratch, nodeId));
  const check =
    outcome.ok &&
    checksCounterfactually(env) &&
    outcome.proposal.proposedPrompt !== outcome.proposal.currentPrompt
      ? await checkCounterfactual(env, scratch, nodeId, outcome.proposal.proposedPrompt)
      : undefined;
  const events: UnitEvents = [];
  if (outcome.ok) {
    scratch.proposals[nodeId] = outcome.proposal;
    const counterfactual = check ? { counterfactual: check } : {};
    events.push({ type: 'updateProposed', ...eventBase(state), ...outcome.proposal, ...counterfactual });
  } else {
    scratch.updateFailures[nodeId] = outcome.error;
    events.push({
      type: 'updateFailed',
      ...eventBase(state),
      nodeId,
      error: outcome.error,
      callIds: outcome.callIds,
    });
  }
  if (index + 1 < scratch.updateNodes.length) state.phase = { kind: 'update', index: index + 1 };
  else if (Object.keys(scratch.proposals).length === 0) state.phase = { kind: 'iterationEnd' };
  else state.phase = state.settings.pauseForDecisions ? { kind: 'decisions' } : { kind: 'gate', index: 0 };
  return events;
}
