/**
 * GEPA's call counts (docs/algorithms.md, "GEPA"), with the formula symbols of optim/call-counts.ts
 * (L llm nodes, O outputs, J judge) plus B = minibatch, P = Pareto examples, S = merge subsample:
 * - seed: P·L (+ P·O·J);
 * - propose: B·L (+ B·O·J) for a reflection, 0 for a merge;
 * - reflect: 1 (one more when the answer needs the repair request);
 * - check: B·L (+ B·O·J), a merge S·L (+ S·O·J) with S <= 5;
 * - validate: P·L (+ P·O·J), only for an accepted child.
 */
import type { Workflow } from '../../graph/schema';
import { evaluationCalls, graphCounts } from '../../optim/call-counts';
import type { SessionSettings } from '../../optim/settings';
import type { SessionState } from '../../optim/state';
import type { GepaStep } from './state';

/** Calls the next GEPA unit will make at most (the budget check before each unit). */
export function gepaUnitCalls(state: SessionState, step: GepaStep): number {
  const counts = graphCounts(state.workflow);
  const g = state.gepa;
  const P = g?.paretoIds.length ?? 0;
  const B = Math.min(state.settings.batchSize, state.train.length);
  switch (step) {
    case 'seed':
    case 'validate':
      return evaluationCalls(counts, P);
    case 'propose':
      return evaluationCalls(counts, B);
    case 'reflect':
      return 1;
    case 'check':
      return evaluationCalls(counts, g?.work?.exampleIds.length ?? B);
    case 'end':
      return 0;
  }
}

/** Units per GEPA iteration at most (propose, reflect, check, validate, end). */
const UNITS_PER_ITERATION = 5;

/** Rough total of units of a GEPA run, for progress bars. */
export function gepaTotalUnits(state: SessionState, step: GepaStep): number {
  const left = { seed: 1 + UNITS_PER_ITERATION, propose: 5, reflect: 4, check: 3, validate: 2, end: 1 }[step];
  const later = Math.max(0, state.settings.iterations - Math.max(state.iteration, 1));
  return state.unitIndex + left + later * UNITS_PER_ITERATION;
}

/**
 * Upper estimate of a whole GEPA run in the preflight's breakdown: the seed's validation as the
 * baseline, then per iteration the parent's minibatch run ("forward"), one reflection
 * ("update"), the child's minibatch check ("gate") and its validation ("validation"), as if every
 * child were accepted. A merge iteration costs less (S <= B examples checked, no reflection).
 */
export function gepaPreflightParts(
  settings: SessionSettings,
  workflow: Workflow,
  sizes: { train: number; val: number },
) {
  const counts = graphCounts(workflow);
  const P = sizes.val > 0 ? sizes.val : sizes.train;
  const B = Math.min(settings.batchSize, sizes.train);
  const perIter = {
    forward: B * counts.llmNodes,
    loss: counts.judge ? B * counts.outputs : 0,
    seed: 0,
    backward: 0,
    update: 1,
    counterfactual: 0,
    gate: evaluationCalls(counts, B),
    validation: evaluationCalls(counts, P),
  };
  return { baseline: evaluationCalls(counts, P), perIter };
}
