import { algorithmDefinition } from '../../algorithms/registry';
import { buildGraphIndex, successors } from '../../graph/topology';
import { isTrainable } from '../../nodes/registry';
import { backwardNodeCalls, counterfactualCalls, counterfactualOn } from '../call-counts';
import type { SessionState } from '../state';
import { backwardNodeInput, willUpdate } from './backward';
import { operatorOf, ruleOf, type UnitEnv } from './env';
import { updateInput } from './update';

/**
 * The session runs one unit at a time (that is what makes every unit a checkpoint), but many of an
 * iteration's units do not depend on each other: the backward steps of two siblings, or the updates
 * of different nodes. Waiting for each in turn leaves the model idle for a round trip per unit. The
 * lookahead finds the later units of the iteration whose inputs are already final and starts their
 * calls through the prefetch store, so that when their turn comes their answers are already there.
 * Units still run, commit and emit their events in the same order; only the calls overlap.
 */

/** A later unit of the current iteration whose calls may start now. */
export interface UnitAhead {
  /** Its unit name, as in progress events ("backward:b", "update:join"). */
  name: string;
  kind: 'backward' | 'update';
  nodeId: string;
}

/**
 * Limiter priority of early calls; the running unit's own calls wait at 0, and an early call moves
 * up to 0 once its unit runs. A backward step started early feeds its predecessors' steps, the
 * rest of the walk's critical path, while an update feeds only the gate after the whole walk: so
 * when slots are short, early backward calls go before early updates, and both after the unit the
 * session is waiting for.
 */
export const AHEAD_PRIORITY: Readonly<Record<UnitAhead['kind'], number>> = { backward: -1, update: -2 };

/**
 * The units after the current one whose inputs no longer change: a backward step whose node's
 * successors have all run their backward step (and so delivered every signal about it), and an
 * update whose node's backward step has run (its received signals and targets are complete; the
 * workflow does not change before the gate). Deterministic, in the order the units will run.
 */
export function unitsReadyAhead(state: SessionState): UnitAhead[] {
  const { phase, scratch, settings, workflow } = state;
  if (!scratch) return [];
  const update = (nodeId: string): UnitAhead => ({ name: `update:${nodeId}`, kind: 'update', nodeId });
  if (phase.kind === 'update') return scratch.updateNodes.slice(phase.index + 1).map(update);
  if (phase.kind !== 'backward') return [];
  const b = scratch.errorBatch.length;
  const order = scratch.backwardOrder;
  const notYetRun = new Set(order.slice(phase.index));
  const index = buildGraphIndex(workflow);
  const ahead: UnitAhead[] = [];
  for (const nodeId of order.slice(phase.index + 1)) {
    if (successors(index, nodeId).some((s) => notYetRun.has(s))) continue;
    // A step without calls gains nothing from starting early.
    if (backwardNodeCalls(settings.algorithm, workflow, nodeId, b, index) > 0)
      ahead.push({ name: `backward:${nodeId}`, kind: 'backward', nodeId });
  }
  // Updates run in topological order, after the whole walk: the reverse of the walk.
  for (const nodeId of [...order.slice(0, phase.index)].reverse()) {
    if (willUpdate(state, scratch.signals, nodeId)) ahead.push(update(nodeId));
  }
  return ahead;
}

/**
 * Calls the rest of the iteration's backward walk and updates will make by the documented
 * formulas, from the current unit on (every trainable node counted as updated while the walk is
 * still running), their counterfactual checks included when on (`simulated`: the simulator
 * answers): what the budget must cover before any of them is started early.
 */
export function restOfWalkCalls(state: SessionState, simulated = false): number {
  const { phase, scratch, settings, workflow } = state;
  if (!scratch) return 0;
  const b = scratch.errorBatch.length;
  const checking = counterfactualOn(settings, simulated);
  const perUpdate = (nodeId: string) =>
    algorithmDefinition(settings.algorithm).calls.updatePerNode(settings) +
    (checking ? counterfactualCalls(workflow, nodeId, b) : 0);
  const updates = (nodeIds: readonly string[]) => nodeIds.reduce((sum, id) => sum + perUpdate(id), 0);
  if (phase.kind === 'update') return updates(scratch.updateNodes.slice(phase.index));
  if (phase.kind !== 'backward') return 0;
  const index = buildGraphIndex(workflow);
  const walk = scratch.backwardOrder
    .slice(phase.index)
    .reduce((sum, nodeId) => sum + backwardNodeCalls(settings.algorithm, workflow, nodeId, b, index), 0);
  const trainable = workflow.nodes.filter(isTrainable).map((n) => n.id);
  return walk + updates(trainable);
}

/**
 * Starts `unit`'s calls on `env.ctx` (the prefetch store's speculative context, not the journal):
 * the rule or operator runs on inputs built from the state exactly as the unit will build them, and
 * its result is dropped. Never rejects: a failed early call is made again by the unit itself.
 */
export async function startAhead(env: UnitEnv, unit: UnitAhead): Promise<void> {
  const { state } = env;
  const scratch = state.scratch;
  if (!scratch) return;
  try {
    await (unit.kind === 'backward'
      ? ruleOf(env).backwardNode(env.ctx, backwardNodeInput(state, scratch, unit.nodeId))
      : operatorOf(env)(env.ctx, updateInput(state, scratch, unit.nodeId)));
  } catch {
    // The unit itself will meet the same error in its turn and report it there.
  }
}
