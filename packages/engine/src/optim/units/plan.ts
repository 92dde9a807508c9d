import { gepaTotalUnits, gepaUnitCalls } from '../../algorithms/gepa/calls';
import { algorithmDefinition } from '../../algorithms/registry';
import { isTrainable, nodeKindOf } from '../../nodes/registry';
import {
  backwardNodeCalls,
  counterfactualCalls,
  counterfactualOn,
  evaluationCalls,
  graphCounts,
} from '../call-counts';
import { gateTarget } from '../gate';
import { batchSizeOf } from '../protocol';
import type { Phase, SessionState } from '../state';
import { gateCandidates } from './gate';

/** A short name for the unit a phase runs, e.g. "backward:n2" (shown in progress and errors). */
export function unitName(state: SessionState, phase: Phase = state.phase): string {
  const s = state.scratch;
  switch (phase.kind) {
    case 'backward':
      return `backward:${s?.backwardOrder[phase.index] ?? phase.index}`;
    case 'update':
      return `update:${s?.updateNodes[phase.index] ?? phase.index}`;
    case 'gate':
      return state.settings.gate.scope === 'perNode' ? `gate:${phase.index}` : 'gate';
    case 'gepa':
      return `gepa:${phase.step}`;
    default:
      return phase.kind;
  }
}

/**
 * The calls the next unit will make by the documented formulas (budget check before each unit).
 * `simulated`: the simulator answers (the counterfactual check's "auto" is then on).
 */
export function unitCallEstimate(state: SessionState, simulated = false): number {
  const { settings, workflow, phase, scratch } = state;
  const counts = graphCounts(workflow);
  const B = batchSizeOf(settings, state.train.length);
  const b = scratch?.errorBatch.length ?? 0;
  switch (phase.kind) {
    case 'baseline':
      return evaluationCalls(counts, state.val.length);
    case 'forward':
      return B * counts.llmNodes;
    case 'loss':
      // Scores carried over with reused predictions (paper protocol) are not computed again.
      return counts.judge && !(scratch && scratch.scores.length > 0) ? B * counts.outputs : 0;
    case 'seed':
      return algorithmDefinition(settings.algorithm).calls.seed(counts, b);
    case 'backward':
      return backwardNodeCalls(settings.algorithm, workflow, scratch?.backwardOrder[phase.index] ?? '', b);
    case 'update': {
      const nodeId = scratch?.updateNodes[phase.index] ?? '';
      const check = counterfactualOn(settings, simulated) ? counterfactualCalls(workflow, nodeId, b) : 0;
      return algorithmDefinition(settings.algorithm).calls.updatePerNode(settings) + check;
    }
    case 'gate': {
      if (settings.gate.policy === 'none' || !scratch || gateCandidates(scratch).length === 0) return 0;
      const on = gateTarget(settings, state.val.length);
      return evaluationCalls(counts, on === 'validation' ? state.val.length : B);
    }
    case 'iterationEnd':
      return state.val.length > 0 && state.valScore?.revision !== state.revision
        ? evaluationCalls(counts, state.val.length)
        : 0;
    case 'gepa':
      return gepaUnitCalls(state, phase.step);
    case 'decisions':
    case 'done':
      return 0;
  }
}

/**
 * Rough total of units in the whole run, for progress bars: completed units plus what the
 * remaining iterations would take if each back-propagated and updated every node.
 */
export function totalUnitsEstimate(state: SessionState): number {
  if (state.phase.kind === 'done') return state.unitIndex;
  if (state.phase.kind === 'gepa') return gepaTotalUnits(state, state.phase.step);
  const trainable = state.workflow.nodes.filter(isTrainable).length;
  const walk = state.workflow.nodes.filter((n) => nodeKindOf(n).takesInputs).length;
  const gates = state.settings.gate.scope === 'perNode' ? trainable : 1;
  const perIteration = 3 + walk + trainable + gates + 1;
  const remainingIterations = state.settings.iterations - Math.max(state.iteration, 1);
  const inThisIteration = remainingInIteration(state, walk, trainable, gates);
  return state.unitIndex + inThisIteration + remainingIterations * perIteration;
}

function remainingInIteration(state: SessionState, walk: number, trainable: number, gates: number): number {
  const p = state.phase;
  const afterUpdate = gates + 1;
  switch (p.kind) {
    case 'baseline':
      return 1 + 3 + walk + trainable + afterUpdate;
    case 'forward':
      return 3 + walk + trainable + afterUpdate;
    case 'loss':
      return 2 + walk + trainable + afterUpdate;
    case 'seed':
      return 1 + walk + trainable + afterUpdate;
    case 'backward':
      return (state.scratch?.backwardOrder.length ?? walk) - p.index + trainable + afterUpdate;
    case 'update':
      return (state.scratch?.updateNodes.length ?? trainable) - p.index + afterUpdate;
    case 'decisions':
      return afterUpdate;
    case 'gate':
      return gates - p.index + 1;
    case 'iterationEnd':
      return 1;
    case 'gepa':
    case 'done':
      return 0;
  }
}
