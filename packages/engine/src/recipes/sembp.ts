import type { BbhTask } from '../datasets/bbh';
import type { LossSpec } from '../graph/loss-spec';
import { bbhLoss } from './bbh-loss';
import { type RecipeEdge, type RecipeStep, recipeWorkflow } from './build';
import type { Recipe } from './types';

/**
 * Semantic backpropagation's recipes (Wang et al., arXiv 2412.03624; reference code
 * HishamAlyahya/semantic_backprop). Every setting's source is listed in docs/recipes.md.
 */

/** The reference's models (`utils.get_config`: base_model gpt-4om, opt_model gpt-4t). */
const MODELS = { forward: 'gpt-4o-mini', optimizer: 'gpt-4-turbo' };
/** `engine/instruction.py`: the instruction of a node created without one. */
const INTERMEDIATE = 'Work out an intermediate step that helps solve the problem.';

/** `solutions.get_mlp_solution(2, 2)`: two parallel intermediate steps feeding "Solve the problem". */
function twoStepGraph(id: string, name: string, description: string, loss: LossSpec, answerLine: boolean) {
  const step = (n: number): RecipeStep => ({
    id: `step${n}`,
    label: `Intermediate step ${n}`,
    role: 'Works out one intermediate step that helps solve the problem.',
    systemPrompt: INTERMEDIATE,
    userTemplate: 'Problem:\n{{question}}',
    column: 1,
  });
  const solve: RecipeStep = {
    id: 'solve',
    label: 'Solve',
    role: 'Solves the problem from the problem and the two intermediate steps.',
    systemPrompt: 'Solve the problem',
    userTemplate:
      'Problem:\n{{question}}\n\nInputs:\n1. {{step1}}\n2. {{step2}}' +
      (answerLine ? '\n\nEnd with the line "Answer: <your final answer>".' : ''),
    column: 2,
  };
  return recipeWorkflow({
    id,
    name,
    description,
    fields: ['question'],
    steps: [step(1), step(2), solve],
    edges: [
      ['input', 'step1', 'question', 'question'],
      ['input', 'step2', 'question', 'question'],
      ['input', 'solve', 'question', 'question'],
      ['step1', 'solve', 'step1'],
      ['step2', 'solve', 'step2'],
    ],
    answerFrom: 'solve',
    loss,
    model: MODELS.forward,
    temperature: 0,
  });
}

/**
 * The settings the reference scripts share (`gsm8k.sh`, `bbh.sh`: `--include_grad --use_bad_sample
 * --full_update --target --n_iters 4`): error batch 2 failing examples, the "target" gradient,
 * a direct rewrite, all candidates accepted together only on a strict improvement. The reference
 * draws errors from, and scores the gate on, the whole training split and reuses the predictions
 * in force: the paper protocol (`sembpProtocol: "paper"`; `batchSize` = the train count says the
 * same to a reader who switches back to the minibatch protocol).
 */
function sembpSettings(iterations: number, trainCount: number) {
  return {
    algorithm: 'sembp' as const,
    iterations,
    batchSize: trainCount,
    errorBatchSize: 2,
    seed: 0,
    gate: { policy: 'strict' as const, scope: 'full' as const, on: 'minibatch' as const },
    invertOnlyFailing: true,
    sembpGradient: 'target' as const,
    sembpUpdate: 'direct' as const,
    sembpProtocol: 'paper' as const,
    earlyStop: false,
  };
}

/** Semantic backprop on GSM8K: 128 training questions (seeded), the 1,319 test questions. */
export const sembpGsm8k: Recipe = {
  name: 'sembp-gsm8k',
  title: 'Semantic backprop: GSM8K',
  paper: 'sembp',
  summary:
    'Two parallel intermediate steps feeding "Solve the problem"; 4 iterations on 128 training questions, scored on the GSM8K test set.',
  workflow: twoStepGraph(
    'recipe-sembp-gsm8k',
    'Semantic backprop: GSM8K',
    'Semantic backpropagation (Wang et al.) on GSM8K: the reference graph, prompts and settings. See docs/recipes.md.',
    { kind: 'numeric', tolerance: 1e-6 },
    false,
  ),
  settings: sembpSettings(4, 128),
  models: MODELS,
  sources: [
    { id: 'train', format: 'gsm8k-train', files: ['gsm8k/train.jsonl', 'gsm8k/train-200.jsonl'] },
    { id: 'test', format: 'gsm8k-test', files: ['gsm8k/test.jsonl', 'gsm8k/test-200.jsonl'] },
  ],
  splits: [
    { source: 'train', order: 'seeded', cuts: [{ split: 'train', count: 128 }] },
    { source: 'test', order: 'file', cuts: [{ split: 'test', count: 'rest' }] },
  ],
};

/** Semantic backprop on one BBH task: 20 training examples (seeded), the rest test. */
export function sembpBbh(task: BbhTask): Recipe {
  const title = `Semantic backprop: BBH ${task}`;
  return {
    name: `sembp-bbh/${task}`,
    title,
    paper: 'sembp',
    summary:
      'Two parallel intermediate steps feeding "Solve the problem"; 4 iterations on 20 examples of the task, the rest scored as test.',
    workflow: twoStepGraph(
      `recipe-sembp-bbh-${task.replace(/_/g, '-')}`,
      title,
      `Semantic backpropagation (Wang et al.) on BIG-Bench Hard ${task}: the reference graph, prompts and settings. See docs/recipes.md.`,
      bbhLoss(task),
      true,
    ),
    settings: sembpSettings(4, 20),
    models: MODELS,
    sources: [{ id: 'task', format: 'bbh', task, files: [`bbh/${task}.json`] }],
    splits: [
      {
        source: 'task',
        order: 'seeded',
        cuts: [
          { split: 'train', count: 20 },
          { split: 'test', count: 'rest' },
        ],
      },
    ],
  };
}

/** `LiarSolution.tasks`: the five evidence questions and the verdict, keyed by the reference's field names. */
const LIAR_TASKS = [
  { id: 'statement', label: 'Statement', prompt: 'Analyse the statement itself.' },
  { id: 'party', label: 'Party', prompt: 'How does the party feel about the statement?' },
  { id: 'job_title', label: 'Job title', prompt: 'Is the statement consistent with the job title?' },
  {
    id: 'source',
    label: 'Source',
    prompt: 'What might be the reason that this source released the statement?',
  },
  { id: 'state', label: 'State', prompt: 'How does the state feel about the statement?' },
] as const;

/** `LiarSolution.template_context`'s context block, with the reference's field labels. */
const LIAR_CONTEXT =
  '# Context\nStatement: {{statement}}\nJob title: {{job_title}}\nState: {{state}}\nParty: {{party}}\nSource: {{source}}';

/** The edges that bring {@link LIAR_CONTEXT}'s fields to a node (the dataset's `context` is its "Source"). */
function liarContextEdges(target: string): RecipeEdge[] {
  return [
    ...['statement', 'job_title', 'state', 'party'].map((f): RecipeEdge => ['input', target, f, f]),
    ['input', target, 'source', 'context'],
  ];
}

/** Semantic backprop on LIAR: five evidence steps feeding a verdict, 50 binary examples. */
export const sembpLiar: Recipe = {
  name: 'sembp-liar',
  title: 'Semantic backprop: LIAR',
  paper: 'sembp',
  summary:
    'Five evidence steps (statement, party, job title, source, state) feeding a Yes/No "is it a lie?" verdict; 8 iterations on 50 binary training statements.',
  workflow: recipeWorkflow({
    id: 'recipe-sembp-liar',
    name: 'Semantic backprop: LIAR',
    description:
      'Semantic backpropagation (Wang et al.) on LIAR, binary (false = a lie, true = not): the reference graph, prompts and settings. See docs/recipes.md.',
    fields: ['statement', 'job_title', 'state', 'party', 'context'],
    steps: [
      ...LIAR_TASKS.map((t) => ({
        id: `hint_${t.id}`,
        label: `Evidence: ${t.label}`,
        role: `Answers "${t.prompt}" about the statement, in at most two sentences.`,
        systemPrompt: t.prompt,
        userTemplate: `# Output format\nAnswer in no more than two sentences.\n\n${LIAR_CONTEXT}`,
        column: 1,
      })),
      {
        id: 'verdict',
        label: 'Verdict',
        role: 'Decides from the context and the five hints whether the statement is a lie (Yes) or not (No).',
        systemPrompt:
          'Determine whether the Statement is a lie (Yes) or not (No) based on the Context and other information.',
        userTemplate: `# Output format\nAnswer Yes or No as labels\n\n${LIAR_CONTEXT}\n\n# Hints\n${LIAR_TASKS.map((t, i) => `${i + 1}. {{hint_${t.id}}}`).join('\n')}`,
        column: 2,
      },
    ],
    edges: [
      ...LIAR_TASKS.flatMap((t): RecipeEdge[] => [
        ...liarContextEdges(`hint_${t.id}`),
        [`hint_${t.id}`, 'verdict', `hint_${t.id}`],
      ]),
      ...liarContextEdges('verdict'),
    ],
    answerFrom: 'verdict',
    loss: { kind: 'choice', labels: ['Yes', 'No'] },
    model: MODELS.forward,
    temperature: 0,
  }),
  settings: sembpSettings(8, 50),
  models: MODELS,
  sources: [
    {
      id: 'train',
      format: 'liar-sbp-binary',
      liarSplit: 'train',
      files: ['liar/train.tsv', 'liar/train-300.tsv'],
    },
    {
      id: 'test',
      format: 'liar-sbp-binary',
      liarSplit: 'test',
      files: ['liar/test.tsv', 'liar/test-300.tsv'],
    },
  ],
  splits: [
    { source: 'train', order: 'seeded', cuts: [{ split: 'train', count: 50 }] },
    { source: 'test', order: 'file', cuts: [{ split: 'test', count: 'rest' }] },
  ],
};
