import type { MetaPrompt } from '../../prompts/ask';
import {
  ANSWERABLE_INPUTS,
  END_WITH_JSON,
  NODE_FIELDS,
  STEP_CONTEXT_FIELDS,
  withWeighing,
} from '../../prompts/describe';
import { buildMetaPrompt, type MetaPromptTemplate } from '../../prompts/template';
import type { SembpCritiqueTask, SembpGradientTask, SembpUpdateTask } from './tasks';

/**
 * Semantic backpropagation's meta-prompts (Wang et al., arXiv 2412.03624), worded after the
 * authors' public code: the backward call sees the step's task, the example, ALL of its inputs
 * ("hints") together, its output and the feedback on that output, and answers per input; the
 * update shows the current prompt with, per back-propagated example, input / own output /
 * feedback received, and asks for an improved prompt without the word "feedback" or example
 * specifics. Answers come back as one json block (the engine<->simulator contract) instead of the
 * reference's "Hint x" lines and <prompt> tags, and the context is sent once, as the json block
 * after the static text, instead of interpolated into the prose (template.ts).
 */

const GRADIENT_SYSTEM =
  'You are the backward engine of an optimizer for multi-step language-model workflows. You work ' +
  'out what each input of a step should have been for it to produce the desired output, looking ' +
  'at all the inputs together: one input may be at fault while the others are fine.';

const COMMENT_SYSTEM =
  'You are the backward engine of an optimizer for multi-step language-model workflows. You ' +
  'comment on each input of a step by its contribution to the output. When you comment on one ' +
  'input, do not refer to the other inputs: a comment such as "this repeats input A" is not ' +
  'allowed, while "this input states the needed fact directly" or "this input is misleading and ' +
  'should be revised" is.';

const GRADIENT_CONTEXT = `The context gives ${STEP_CONTEXT_FIELDS} (its attempt), and \`messages\`, the feedback on the output as received.
`;

const GRADIENT_ANSWER = `Reason first, then ${END_WITH_JSON} {"inputs": {"<input id>": {"change": true or false, "message": "...", "suggestedValue": "..."}}}, an entry for ${ANSWERABLE_INPUTS}; "suggestedValue" only when you know exactly what the input should have been.`;

const GRADIENT_KEYS = [
  'task',
  'variant',
  'mode',
  'node',
  'example',
  'inputs',
  'renderedUserMessage',
  'output',
  'messages',
] as const;

/** The target variant: how should each input change to get the desired output. */
export const sembpGradientTargetTemplate: MetaPromptTemplate<SembpGradientTask> = {
  id: 'sembp.gradient',
  version: 3,
  system: GRADIENT_SYSTEM,
  instructions: `${GRADIENT_CONTEXT}
Based on the feedback, how should each input change so that the step produces the desired output?`,
  answerInstructions: GRADIENT_ANSWER,
  contextKeys: GRADIENT_KEYS,
};

/** The comment variant: a quality comment per input that does not mention the other inputs. */
export const sembpGradientCommentTemplate: MetaPromptTemplate<SembpGradientTask> = {
  id: 'sembp.gradient.comment',
  version: 3,
  system: COMMENT_SYSTEM,
  instructions: `${GRADIENT_CONTEXT}
Based on the feedback, comment on the quality of each input without mentioning the other inputs. Start each comment with "This input".`,
  answerInstructions: GRADIENT_ANSWER,
  contextKeys: GRADIENT_KEYS,
};

/** The target variant in the weighed mode: the step may answer that its own instruction is at fault. */
export const sembpGradientTargetWeighedTemplate = withWeighing(sembpGradientTargetTemplate);
/** The comment variant in the weighed mode. */
export const sembpGradientCommentWeighedTemplate = withWeighing(sembpGradientCommentTemplate);

/** The gradient templates by variant and mode. */
const GRADIENT_TEMPLATES = {
  target: { faithful: sembpGradientTargetTemplate, weighed: sembpGradientTargetWeighedTemplate },
  comment: { faithful: sembpGradientCommentTemplate, weighed: sembpGradientCommentWeighedTemplate },
};

const UPDATE_SYSTEM =
  'You improve the instruction (system prompt) of one step of a language-model workflow from ' +
  'examples of its behaviour and the feedback it received.';

/** The reference code's opening ("I'm trying to write a task-specific ... assistant"). */
const UPDATE_PREFIX = `I'm trying to write the instruction of a task-specific assistant, a step of a larger workflow: ${NODE_FIELDS} in the context. My current prompt is its \`node.instruction\`.`;

const UPDATE_EXAMPLES = `Here are some examples that it did not answer well (\`examples\`): per example, the \`input\` it was sent, my \`output\`, and the feedback received on my output (\`messages\`).`;

const PROMPT_ANSWER =
  'Show your reasoning steps first. Then end with exactly one fenced json block (three backticks ' +
  'and the word json) of the form {"reasoning": "...", "prompt": "<the improved prompt>"}.';

/** Optional first call of the "pros and cons first" update variant. */
export const sembpCritiqueTemplate: MetaPromptTemplate<SembpCritiqueTask> = {
  id: 'sembp.critique',
  version: 2,
  system: UPDATE_SYSTEM,
  instructions: `${UPDATE_PREFIX}

${UPDATE_EXAMPLES}

Based on the above examples, analyze the pros and cons of the prompt.`,
  answerInstructions:
    'End with exactly one fenced json block (three backticks and the word json) of the form ' +
    '{"pros": ["..."], "cons": ["..."]}.',
  contextKeys: ['task', 'node', 'examples'],
};

/** The direct free rewrite from the examples and their feedback. */
export const sembpUpdateTemplate: MetaPromptTemplate<SembpUpdateTask> = {
  id: 'sembp.update',
  version: 2,
  system: UPDATE_SYSTEM,
  instructions: `${UPDATE_PREFIX}

${UPDATE_EXAMPLES}

Based on the above examples, write an improved prompt.
Do not include the keyword "feedback" or any example-specific content in the prompt.`,
  answerInstructions: PROMPT_ANSWER,
  contextKeys: ['task', 'node', 'examples'],
};

/** The second call of the "pros and cons first" variant: rewrite from the critique alone. */
export const sembpUpdateViaCritiqueTemplate: MetaPromptTemplate<SembpUpdateTask> = {
  id: 'sembp.update.via-critique',
  version: 2,
  system: UPDATE_SYSTEM,
  instructions: `${UPDATE_PREFIX}

Comments on the prompt: \`critique\` (its \`pros\` and \`cons\`).

Based on the comments, write an improved prompt.
Do not include the keyword "comments" or "feedback" in the prompt.`,
  answerInstructions: PROMPT_ANSWER,
  contextKeys: ['task', 'node', 'critique', 'examples'],
};

/** The semantic-gradient request for one node and one example (variant from the payload). */
export function buildSembpGradientPrompt(payload: Omit<SembpGradientTask, 'task'>): MetaPrompt {
  const templates = GRADIENT_TEMPLATES[payload.variant];
  const template = payload.mode === 'weighed' ? templates.weighed : templates.faithful;
  return buildMetaPrompt(template, { task: 'sembp.gradient', ...payload });
}

/** The "pros and cons" request of the critique-first update variant. */
export function buildSembpCritiquePrompt(payload: Omit<SembpCritiqueTask, 'task'>): MetaPrompt {
  return buildMetaPrompt(sembpCritiqueTemplate, { task: 'sembp.critique', ...payload });
}

/**
 * The rewrite request. With `critique` set (the critique-first variant) the request carries the
 * critique instead of the examples, as the reference code's rewrite shows only the comments.
 */
export function buildSembpUpdatePrompt(payload: Omit<SembpUpdateTask, 'task'>): MetaPrompt {
  if (payload.critique) {
    return buildMetaPrompt(sembpUpdateViaCritiqueTemplate, {
      task: 'sembp.update',
      node: payload.node,
      critique: payload.critique,
      examples: [],
    });
  }
  return buildMetaPrompt(sembpUpdateTemplate, { task: 'sembp.update', ...payload });
}
