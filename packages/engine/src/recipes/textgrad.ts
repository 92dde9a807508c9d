import { type RecipeStep, recipeWorkflow } from './build';
import type { Recipe } from './types';

/**
 * TextGrad's prompt-optimization recipes (Yuksekgonul et al., arXiv 2406.07496; reference code
 * zou-group/textgrad `evaluation/prompt_optimization.py` and `textgrad/tasks/`): one system prompt
 * optimized on BBH object counting and on GSM8K. Sources per setting in docs/recipes.md.
 */

/** `prompt_optimization.py`: test_engine gpt-3.5-turbo-0125, evaluation (backward) engine gpt-4o. */
const MODELS = { forward: 'gpt-3.5-turbo-0125', optimizer: 'gpt-4o' };

/**
 * `prompt_optimization.py`: batch 3, 3 epochs of 4 steps (the loop breaks at step 3) = 12 steps,
 * validation after each step reverting a lower score (`--run_validation`), seed 42, every example
 * of the batch back-propagated (the loss is summed over the whole batch).
 */
const SETTINGS = {
  algorithm: 'textgrad' as const,
  iterations: 12,
  batchSize: 3,
  errorBatchSize: 3,
  seed: 42,
  gate: { policy: 'nonWorsening' as const, scope: 'full' as const, on: 'validation' as const },
  invertOnlyFailing: false,
  earlyStop: false,
};

/** A one-node workflow: the system prompt is the one parameter, the question is sent as is. */
function singlePrompt(
  id: string,
  name: string,
  description: string,
  systemPrompt: string,
  userTemplate: string,
) {
  const step: RecipeStep = {
    id: 'model',
    label: 'Model',
    role: 'structured system prompt to a somewhat capable language model that specifies the behavior and strategies for the QA task',
    systemPrompt,
    userTemplate,
    column: 1,
  };
  return recipeWorkflow({
    id,
    name,
    description,
    fields: ['question'],
    steps: [step],
    edges: [['input', 'model', 'question', 'question']],
    answerFrom: 'model',
    // `string_based_equality_fn`: the last number of the reply against the target's.
    loss: { kind: 'numeric', tolerance: 1e-6 },
    model: MODELS.forward,
  });
}

/** TextGrad on BBH object counting: file order, 50 train, 100 validation, the rest test. */
export const textgradBbhObjectCounting: Recipe = {
  name: 'textgrad-bbh-object-counting',
  title: 'TextGrad: BBH object counting',
  paper: 'textgrad',
  summary:
    'One system prompt, 12 TGD steps of batch 3, reverted when validation drops; 50 / 100 / 100 examples in file order.',
  workflow: singlePrompt(
    'recipe-textgrad-bbh-object-counting',
    'TextGrad: BBH object counting',
    "TextGrad's prompt optimization on BIG-Bench Hard object counting: the reference task description, splits and settings. See docs/recipes.md.",
    "You will answer a reasoning question. Think step by step. The last line of your response should be of the following format: 'Answer: $VALUE' where VALUE is a numerical value.",
    '{{question}}',
  ),
  settings: SETTINGS,
  models: MODELS,
  sources: [{ id: 'task', format: 'bbh', task: 'object_counting', files: ['bbh/object_counting.json'] }],
  splits: [
    {
      source: 'task',
      order: 'file',
      cuts: [
        { split: 'train', count: 50 },
        { split: 'val', count: 100 },
        { split: 'test', count: 'rest' },
      ],
    },
  ],
};

/** TextGrad on GSM8K (its DSPy split): 200 train and 300 validation from the shuffled train file, the whole test file. */
export const textgradGsm8k: Recipe = {
  name: 'textgrad-gsm8k',
  title: 'TextGrad: GSM8K',
  paper: 'textgrad',
  summary:
    'One system prompt, 12 TGD steps of batch 3, reverted when validation drops; 200 / 300 from the shuffled training file, all 1,319 test questions.',
  workflow: singlePrompt(
    'recipe-textgrad-gsm8k',
    'TextGrad: GSM8K',
    "TextGrad's prompt optimization on GSM8K (its DSPy split): the reference task description, splits and settings. See docs/recipes.md.",
    "You will answer a mathemetical reasoning question. Think step by step. The last line of your response should be of the following format: 'Answer: $VALUE' where VALUE is a numerical value.",
    'Question: {{question}}',
  ),
  settings: SETTINGS,
  models: MODELS,
  sources: [
    { id: 'train', format: 'gsm8k-train', files: ['gsm8k/train.jsonl', 'gsm8k/train-200.jsonl'] },
    { id: 'test', format: 'gsm8k-test', files: ['gsm8k/test.jsonl', 'gsm8k/test-200.jsonl'] },
  ],
  splits: [
    {
      source: 'train',
      order: 'seeded',
      cuts: [
        { split: 'train', count: 200 },
        { split: 'val', count: 300 },
      ],
    },
    { source: 'test', order: 'file', cuts: [{ split: 'test', count: 'rest' }] },
  ],
};
