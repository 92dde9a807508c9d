import { type RecipeStep, recipeWorkflow } from './build';
import type { Recipe } from './types';

/**
 * GTBP's multi-hop recipe (Zhu, Yao, Kuwaranancharoen et al., arXiv 2606.14155). No code is public
 * and the abstract gives the task (HotpotQA, token F1), the model (GPT-4.1-mini) and the shape (one
 * hidden layer of at most 4 modules); the modules, prompts and split are Backflow's decisions,
 * marked as such in docs/recipes.md.
 */

const MODEL = 'gpt-4.1-mini';
const READ = 'Question:\n{{question}}\n\nContext:\n{{context}}';

/** The hidden layer: three modules, each reading the question and the distractor context. */
const HIDDEN: RecipeStep[] = [
  {
    id: 'decompose',
    label: 'Decompose',
    role: 'Breaks the multi-hop question into the sub-questions that must be answered in order.',
    systemPrompt:
      'Break the question into the two or three simpler sub-questions that must be answered, in order, to answer it. List them, one per line.',
    userTemplate: READ,
    column: 1,
  },
  {
    id: 'bridge',
    label: 'Bridge entity',
    role: 'Finds the entity that links the two paragraphs the question needs, and what the context says about it.',
    systemPrompt:
      'Name the entity that connects the facts the question needs (the bridge between the two relevant paragraphs), and quote what the context says about it.',
    userTemplate: READ,
    column: 1,
  },
  {
    id: 'evidence',
    label: 'Evidence',
    role: 'Quotes the context sentences that answer the question, with their paragraph titles.',
    systemPrompt:
      'Quote, word for word, the sentences from the context that are needed to answer the question, each with the title of its paragraph. Quote nothing else.',
    userTemplate: READ,
    column: 1,
  },
];

const ANSWER: RecipeStep = {
  id: 'answer_step',
  label: 'Answer',
  role: 'Answers the question from the sub-questions, the bridge entity and the evidence, as a short span.',
  systemPrompt:
    'Answer the question using the sub-questions, the bridge entity and the evidence. Reason briefly, then give the answer as a short span from the context (or yes/no) on the last line as "Answer: <answer>".',
  userTemplate:
    'Question:\n{{question}}\n\nSub-questions:\n{{decompose}}\n\nBridge entity:\n{{bridge}}\n\nEvidence:\n{{evidence}}',
  column: 2,
};

/** GTBP on HotpotQA (distractor): three hidden modules feeding an answer, scored by token F1. */
export const gtbpHotpotqa: Recipe = {
  name: 'gtbp-hotpotqa',
  title: 'GTBP: HotpotQA multi-hop',
  paper: 'gtbp',
  summary:
    'One hidden layer of three modules (decompose, bridge entity, evidence) feeding an answer step; token F1 with the official normalisation.',
  workflow: recipeWorkflow({
    id: 'recipe-gtbp-hotpotqa',
    name: 'GTBP: HotpotQA multi-hop',
    description:
      'GTBP (graph-based target back-propagation) on HotpotQA, distractor setting: one hidden layer of three modules, token F1 loss. See docs/recipes.md.',
    fields: ['question', 'context'],
    steps: [...HIDDEN, ANSWER],
    edges: [
      ...HIDDEN.flatMap(
        (h): Array<[string, string, string, string]> => [
          ['input', h.id, 'question', 'question'],
          ['input', h.id, 'context', 'context'],
        ],
      ),
      ['input', 'answer_step', 'question', 'question'],
      ...HIDDEN.map((h): [string, string, string] => [h.id, 'answer_step', h.id]),
    ],
    answerFrom: 'answer_step',
    loss: { kind: 'f1' },
    model: MODEL,
  }),
  settings: {
    algorithm: 'gtbp',
    iterations: 5,
    batchSize: 8,
    errorBatchSize: 4,
    seed: 1,
    gate: { policy: 'none', scope: 'full', on: 'minibatch' },
    invertOnlyFailing: true,
    passThreshold: 1,
    gtbp: { m0: 3, mPlus: 1, mMinus: 2 },
    earlyStop: false,
  },
  models: { forward: MODEL, optimizer: MODEL },
  sources: [
    {
      id: 'dev',
      format: 'hotpotqa',
      files: ['hotpotqa/hotpot_dev_distractor_v1.json', 'hotpotqa/dev-distractor-sample.json'],
    },
  ],
  splits: [
    {
      source: 'dev',
      order: 'seeded',
      cuts: [
        { split: 'train', count: 150 },
        { split: 'val', count: 300 },
        { split: 'test', count: 300 },
      ],
    },
  ],
};
