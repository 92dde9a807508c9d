import type { MetaPrompt } from '../../prompts/ask';
import { nodeTitle, stepContextVars, withWeighing } from '../../prompts/describe';
import type { SembpCritiqueTask, SembpGradientTask, SembpUpdateTask } from '../../prompts/tasks';
import {
  buildMetaPrompt,
  indentBlock,
  instructionText,
  listMessages,
  type MetaPromptTemplate,
} from '../../prompts/template';

/**
 * Semantic backpropagation's meta-prompts (Wang et al., arXiv 2412.03624), worded after the
 * authors' public code: the backward call sees the step's task, the example, ALL of its inputs
 * ("hints") together, its output and the feedback on that output, and answers per input; the
 * update shows the current prompt with, per back-propagated example, input / own output /
 * feedback received, and asks for an improved prompt without the word "feedback" or example
 * specifics. Answers come back as one json block (the engine<->simulator contract) instead of the
 * reference's "Hint x" lines and <prompt> tags.
 */

const GRADIENT_SYSTEM =
  'You are the backward engine of an optimizer for multi-step language-model workflows. A step ' +
  'combines several inputs into an output; the output received feedback. You work out what each ' +
  'input should have been for the step to produce the desired output, looking at all the inputs ' +
  'together: one input may be at fault while the others are fine.';

const COMMENT_SYSTEM =
  'You are the backward engine of an optimizer for multi-step language-model workflows. You ' +
  'comment on each input of a step by its contribution to the output. When you comment on one ' +
  'input, do not refer to the other inputs: a comment such as "this repeats input A" is not ' +
  'allowed, while "this input states the needed fact directly" or "this input is misleading and ' +
  'should be revised" is.';

const GRADIENT_CONTEXT = `A task is performed by {{title}} of a larger workflow, given an example and some inputs.

Task (the step's instruction):
{{instruction}}

Example "{{exampleId}}":
{{fields}}

Inputs, all of them together:
{{inputs}}

The message the step was sent:
{{rendered}}

Output attempt of the step:
{{output}}

Feedback on the output (every message received, as sent):
{{messages}}
`;

type GradientVars = (p: SembpGradientTask) => Record<string, string>;
const gradientVars: GradientVars = (p) => ({ ...stepContextVars(p), messages: listMessages(p.messages) });

const GRADIENT_ANSWER =
  'Show your reasoning first. Then end with exactly one fenced json block (three backticks and ' +
  'the word json) of the form {"inputs": {"<input id>": {"change": true or false, "message": ' +
  '"...", "suggestedValue": "..."}}} with one entry for EVERY input id listed as required above ' +
  '(entries for example fields are optional). "change": false means the input is fine as it is. ' +
  'Give "suggestedValue" only when you can say exactly what that input should have been.';

/** The target variant: how should each input change to get the desired output. */
export const sembpGradientTargetTemplate: MetaPromptTemplate<SembpGradientTask> = {
  id: 'sembp.gradient',
  version: 1,
  system: GRADIENT_SYSTEM,
  prose: `${GRADIENT_CONTEXT}
Based on the feedback, how should each input be changed so that the step produces the desired output? Consider the inputs together. Answer one message per input, identified by its id. Required input ids: {{ids}}.`,
  vars: gradientVars,
  answerInstructions: GRADIENT_ANSWER,
};

/** The comment variant: a quality comment per input that does not mention the other inputs. */
export const sembpGradientCommentTemplate: MetaPromptTemplate<SembpGradientTask> = {
  id: 'sembp.gradient.comment',
  version: 1,
  system: COMMENT_SYSTEM,
  prose: `${GRADIENT_CONTEXT}
Based on the feedback, comment on the quality of each input without mentioning the other inputs. Start each comment with "This input". Answer one comment per input, identified by its id. Required input ids: {{ids}}.`,
  vars: gradientVars,
  answerInstructions: GRADIENT_ANSWER,
};

/** The target variant in the weighed mode: the step may answer that its own instruction is at fault. */
export const sembpGradientTargetWeighedTemplate = withWeighing(sembpGradientTargetTemplate);
/** The comment variant in the weighed mode. */
export const sembpGradientCommentWeighedTemplate = withWeighing(sembpGradientCommentTemplate);

/** The per-example block of the update prompts, as the reference code lays it out. */
function listUpdateExamples(examples: SembpUpdateTask['examples']): string {
  if (examples.length === 0) return '    (none)';
  return examples
    .map((e, i) => {
      const feedback =
        e.messages.length === 0 ? '' : `\nFeedback received on my output:\n${listMessages(e.messages)}`;
      return `## Example ${i + 1} ("${e.exampleId}")\nInput:\n${indentBlock(e.input)}\n\nMy output:\n${indentBlock(e.output)}${feedback}\n`;
    })
    .join('\n');
}

const UPDATE_SYSTEM =
  'You improve the instruction (system prompt) of one step of a language-model workflow from ' +
  'examples of its behaviour and the feedback it received.';

type UpdateVars = (p: SembpUpdateTask | SembpCritiqueTask) => Record<string, string>;
const updateVars: UpdateVars = (p) => ({
  title: nodeTitle(p.node),
  instruction: instructionText(p.node.instruction),
  examples: listUpdateExamples(p.examples),
});

const UPDATE_PREFIX = `I'm trying to write the instruction of {{title}}, a task-specific assistant inside a larger workflow.

My current prompt is:
{{instruction}}

Here are some examples that it did not answer well:
{{examples}}`;

const PROMPT_ANSWER =
  'Show your reasoning steps first. Then end with exactly one fenced json block (three backticks ' +
  'and the word json) of the form {"reasoning": "...", "prompt": "<the improved prompt>"}.';

/** Optional first call of the "pros and cons first" update variant. */
export const sembpCritiqueTemplate: MetaPromptTemplate<SembpCritiqueTask> = {
  id: 'sembp.critique',
  version: 1,
  system: UPDATE_SYSTEM,
  prose: `${UPDATE_PREFIX}
Based on the above examples, analyze the pros and cons of the prompt.`,
  vars: updateVars,
  answerInstructions:
    'End with exactly one fenced json block (three backticks and the word json) of the form ' +
    '{"pros": ["..."], "cons": ["..."]}.',
};

/** The direct free rewrite from the examples and their feedback. */
export const sembpUpdateTemplate: MetaPromptTemplate<SembpUpdateTask> = {
  id: 'sembp.update',
  version: 1,
  system: UPDATE_SYSTEM,
  prose: `${UPDATE_PREFIX}
Based on the above examples, write an improved prompt.
Do not include the keyword "feedback" or any example-specific content in the prompt.`,
  vars: updateVars,
  answerInstructions: PROMPT_ANSWER,
};

/** The second call of the "pros and cons first" variant: rewrite from the critique alone. */
export const sembpUpdateViaCritiqueTemplate: MetaPromptTemplate<SembpUpdateTask> = {
  id: 'sembp.update.via-critique',
  version: 1,
  system: UPDATE_SYSTEM,
  prose: `I'm trying to write the instruction of {{title}}, a task-specific assistant inside a larger workflow.

My current prompt is:
{{instruction}}

Comments on the prompt:
{{critique}}

Based on the comments, write an improved prompt.
Do not include the keyword "comments" or "feedback" in the prompt.`,
  vars: (p) => ({
    title: nodeTitle(p.node),
    instruction: instructionText(p.node.instruction),
    critique: [
      'Pros:',
      ...(p.critique?.pros ?? []).map((s) => `  - ${s}`),
      'Cons:',
      ...(p.critique?.cons ?? []).map((s) => `  - ${s}`),
    ].join('\n'),
  }),
  answerInstructions: PROMPT_ANSWER,
};

/** The semantic-gradient request for one node and one example (variant from the payload). */
export function buildSembpGradientPrompt(payload: Omit<SembpGradientTask, 'task'>): MetaPrompt {
  const full: SembpGradientTask = { task: 'sembp.gradient', ...payload };
  const weighed = payload.mode === 'weighed';
  const template =
    payload.variant === 'target'
      ? weighed
        ? sembpGradientTargetWeighedTemplate
        : sembpGradientTargetTemplate
      : weighed
        ? sembpGradientCommentWeighedTemplate
        : sembpGradientCommentTemplate;
  return buildMetaPrompt(template, full);
}

/** The "pros and cons" request of the critique-first update variant. */
export function buildSembpCritiquePrompt(payload: Omit<SembpCritiqueTask, 'task'>): MetaPrompt {
  return buildMetaPrompt(sembpCritiqueTemplate, { task: 'sembp.critique', ...payload });
}

/**
 * The rewrite request. With `critique` set (the critique-first variant) the prose shows the
 * critique instead of the examples, as the reference code does; the payload keeps both.
 */
export function buildSembpUpdatePrompt(payload: Omit<SembpUpdateTask, 'task'>): MetaPrompt {
  const full: SembpUpdateTask = { task: 'sembp.update', ...payload };
  return buildMetaPrompt(payload.critique ? sembpUpdateViaCritiqueTemplate : sembpUpdateTemplate, full);
}
