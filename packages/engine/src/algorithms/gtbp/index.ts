import type { AlgorithmDefinition } from '../definition';
import { createGtbpRule } from './backward';
import { gtbpSettings } from './settings';
import { gtbpTasks } from './tasks';
import { gtbpUpdate } from './update';

/**
 * GTBP (graph-based target back-propagation): targets inverted node by node, reconciled where
 * successors disagree, and a claim-list update under a decaying edit budget. Defaults as the
 * paper used them: no gate, failing examples inverted, edit budget m0 = 3, m+ = 1, m- = 2.
 */
export const gtbpAlgorithm: AlgorithmDefinition<typeof gtbpTasks, typeof gtbpSettings> = {
  name: 'gtbp',
  label: 'GTBP (target backprop)',
  defaults: {
    iterations: 5,
    batchSize: 8,
    errorBatchSize: 4,
    invertOnlyFailing: true,
    gate: { policy: 'none', scope: 'full', on: 'minibatch' },
  },
  backwardRule: (settings) =>
    createGtbpRule({ reconcile: !settings.ablations.gtbpNoReconcile, mode: settings.backwardMode }),
  update: gtbpUpdate,
  tasks: gtbpTasks,
  settings: gtbpSettings,
  calls: {
    seed: () => 0,
    // At most b module inversions when v has an llm/code predecessor (none for an example whose
    // target already equals v's output), plus at most b reconciliations when v has two or more
    // successors (only where their targets differ).
    backwardStep: (step, b) => (step.inPreds > 0 ? b : 0) + (step.successors >= 2 ? b : 0),
    updatePerNode: () => 1,
  },
  blameFrom: 'targets',
  facts: (s) => ({ 'gtbp schedule': `${s.gtbp.m0}, ${s.gtbp.mPlus}, ${s.gtbp.mMinus}` }),
};
