import type { AlgorithmDefinition } from '../definition';
import { createSemanticRule } from './backward';
import { sembpSettings } from './settings';
import { sembpTasks } from './tasks';
import { sembpUpdate } from './update';

/**
 * Semantic backpropagation (Wang et al.): one joint gradient call per step and example that sees
 * all the step's inputs, then a free rewrite (or critique first). Defaults as the reference code
 * used them: 4 iterations, error batch 2, full update, strict improvement on the same minibatch.
 */
export const sembpAlgorithm: AlgorithmDefinition<typeof sembpTasks, typeof sembpSettings> = {
  name: 'sembp',
  label: 'Semantic backpropagation',
  defaults: {
    iterations: 4,
    batchSize: 8,
    errorBatchSize: 2,
    invertOnlyFailing: true,
    gate: { policy: 'strict', scope: 'full', on: 'minibatch' },
  },
  backwardRule: (settings) =>
    createSemanticRule({
      variant: settings.sembpGradient,
      noSiblings: settings.ablations.sembpNoSiblings,
      mode: settings.backwardMode,
    }),
  update: sembpUpdate,
  tasks: sembpTasks,
  settings: sembpSettings,
  calls: {
    seed: () => 0,
    // One joint call per example when v has at least one llm/code predecessor.
    backwardStep: (step, b) => (step.inPreds > 0 ? b : 0),
    // The critique-first variant asks for the critique, then the rewrite.
    updatePerNode: (settings) => (settings.sembpUpdate === 'critique' ? 2 : 1),
  },
  blameFrom: 'messages',
  facts: (s) => ({
    sembpGradient: s.sembpGradient,
    sembpUpdate: s.sembpUpdate,
    sembpProtocol: s.sembpProtocol ?? 'minibatch',
  }),
};
