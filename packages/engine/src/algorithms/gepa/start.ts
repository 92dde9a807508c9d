import type { Example } from '../../datasets/types';
import type { Workflow } from '../../graph/schema';
import { buildGraphIndex, topologicalOrder } from '../../graph/topology';
import { isTrainable } from '../../nodes/registry';
import type { GepaState } from './state';

/**
 * A GEPA session's starting state: the Pareto set (the validation split, else the training split,
 * as the reference does without a validation set), the modules in topological order and an empty
 * pool. Throws when the workflow has no trainable llm node (nothing to evolve).
 */
export function gepaStart(workflow: Workflow, train: readonly Example[], val: readonly Example[]): GepaState {
  const index = buildGraphIndex(workflow);
  const modules = topologicalOrder(index).filter((id) => isTrainable(index.nodeById.get(id)));
  if (modules.length === 0) throw new Error('GEPA needs at least one trainable llm node to evolve.');
  return {
    paretoIds: (val.length > 0 ? val : train).map((e) => e.id),
    modules,
    candidates: [],
    reflections: {},
    epoch: { order: [], cursor: 0 },
    mergesDue: 0,
    mergesTested: 0,
    triedMerges: [],
    rollouts: 0,
    work: null,
  };
}
