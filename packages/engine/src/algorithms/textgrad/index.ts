import type { AlgorithmDefinition } from '../definition';
import { createTextgradRule } from './backward';
import { textgradSettings } from './settings';
import { textgradTasks } from './tasks';
import { textgradUpdate } from './update';

/**
 * TextGrad (the baseline): feedback from the loss, one gradient call per edge and per trainable
 * prompt, textual gradient descent. Defaults as the paper used them: batch 3, 12 steps, the whole
 * batch back-propagated, validation after each step, revert if lower (ties accepted).
 */
export const textgradAlgorithm: AlgorithmDefinition<typeof textgradTasks, typeof textgradSettings> = {
  name: 'textgrad',
  label: 'TextGrad',
  defaults: {
    iterations: 12,
    batchSize: 3,
    errorBatchSize: 3,
    invertOnlyFailing: false,
    gate: { policy: 'nonWorsening', scope: 'full', on: 'validation' },
  },
  backwardRule: (settings) => createTextgradRule({ maskSiblings: settings.ablations.textgradMaskSiblings }),
  update: textgradUpdate,
  tasks: textgradTasks,
  settings: textgradSettings,
  calls: {
    // The loss turns each example's score into feedback with one call per output.
    seed: (counts, b) => b * counts.outputs,
    // One call per llm/code predecessor, plus one for the gradient on a trainable node's own prompt.
    backwardStep: (step, b) => b * (step.inPreds + (step.trainableLlm ? 1 : 0)),
    updatePerNode: () => 1,
  },
  blameFrom: 'messages',
};
