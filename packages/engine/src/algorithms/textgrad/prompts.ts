import type { MetaPrompt } from '../../prompts/ask';
import { capitalized, END_WITH_JSON } from '../../prompts/describe';
import { buildMetaPrompt, type MetaPromptTemplate } from '../../prompts/template';
import type { TextgradGradientTask, TextgradLossTask, TextgradUpdateTask } from './tasks';

/**
 * TextGrad's meta-prompts (Yuksekgonul et al., arXiv 2406.07496), in our words after the public
 * code's backward and optimizer prompts: a backward call gives criticism (never a rewritten value)
 * to ONE variable given the conversation it took part in and the feedback on the output; the TGD
 * step rewrites a parameter from its role, value and every gradient with its conversation. Values
 * are shown whole (the public code cuts long values to their first and last words; we do not).
 * The tags name the context's fields: each request states its context once, in the json block
 * after the static text (template.ts), instead of inside the tags.
 */

const BACKWARD_SYSTEM =
  'You are the gradient (feedback) engine of an optimization system that improves a text (the ' +
  'variable): give intelligent, constructive criticism of the variable for a stated objective, ' +
  'minding its role and the context it is used in. Give only strategies, explanations and ways to ' +
  "change it, never a new version of it (that is the optimizer's job). If it already works well, " +
  'say that no change is needed.';

const CRITICISM_ANSWER = `${capitalized(END_WITH_JSON)} {"change": true or false, "criticism": "..."}; "change": false: the variable needs no change.`;

/** Seed: one call per example and output turning the loss into feedback on the final output. */
export const textgradLossTemplate: MetaPromptTemplate<TextgradLossTask> = {
  id: 'textgrad.loss',
  version: 3,
  system: BACKWARD_SYSTEM,
  instructions: `Give feedback to a variable with the role <ROLE> the final answer of the workflow at the output step \`node\` </ROLE>, given its evaluation: the \`example\`, the variable (<VARIABLE> \`output\` </VARIABLE>), the expected answer \`target\`, the \`score\` (1 best, 0 worst) and the evaluator's note \`lossFeedback\`.

<OBJECTIVE_FUNCTION>Give feedback and criticism to the variable given the evaluation, to improve the metric and nothing else.</OBJECTIVE_FUNCTION>`,
  answerInstructions: `${capitalized(END_WITH_JSON)} {"feedback": "...", "suggestedValue": "..."}; "suggestedValue" only when you know exactly what the final answer should have been.`,
  contextKeys: ['task', 'node', 'example', 'target', 'score', 'lossFeedback', 'output'],
};

const CONVERSATION = `Here is the conversation with a language model (LM) it took part in, within a larger system: <LM_SYSTEM_PROMPT> \`node.instruction\` </LM_SYSTEM_PROMPT> <LM_INPUT> \`renderedUserMessage\` </LM_INPUT> <LM_OUTPUT> \`output\` </LM_OUTPUT>, the output of the step \`node\`.

<OBJECTIVE_FUNCTION>Address this feedback on the LM_OUTPUT: \`feedback\`.</OBJECTIVE_FUNCTION>`;

const GRADIENT_KEYS = [
  'task',
  'variable',
  'node',
  'renderedUserMessage',
  'output',
  'feedback',
  'input',
] as const;

/**
 * One call per (node, input) edge: the conversation shows the whole formatted input (sibling
 * values included, unless the masking ablation is on); other edges' gradient messages are never shown.
 */
export const textgradGradientInputTemplate: MetaPromptTemplate<TextgradGradientTask> = {
  id: 'textgrad.gradient',
  version: 3,
  system: BACKWARD_SYSTEM,
  instructions: `Give feedback to a variable with the role <ROLE> \`input.role\` (the input that \`input.id\` sends as {{\`input.name\`}}) </ROLE>: <VARIABLE> \`input.value\` </VARIABLE>. ${CONVERSATION}

Describe how the input could be improved to improve the <OBJECTIVE_FUNCTION>. Be creative, critical and intelligent.`,
  answerInstructions: CRITICISM_ANSWER,
  contextKeys: GRADIENT_KEYS,
};

/**
 * The gradient on the node's own system prompt (the trainable parameter), one per example. Its
 * variable is `node.instruction`, so the context has no `input` (prompts/context.ts).
 */
export const textgradGradientPromptTemplate: MetaPromptTemplate<TextgradGradientTask> = {
  id: 'textgrad.gradient.prompt',
  version: 3,
  system: BACKWARD_SYSTEM,
  instructions: `Give feedback to a variable with the role <ROLE> the system prompt of the step </ROLE>: <VARIABLE> \`node.instruction\` </VARIABLE>. ${CONVERSATION}

Describe how the system prompt could be improved to improve the <OBJECTIVE_FUNCTION>. Be creative, critical and intelligent.`,
  answerInstructions: CRITICISM_ANSWER,
  contextKeys: GRADIENT_KEYS,
};

const OPTIMIZER_SYSTEM =
  'You are part of an optimization system that improves text (the variable). You will receive ' +
  'feedback and use it to improve the variable. The feedback may be noisy: identify what is ' +
  'important and what is correct. Pay attention to the role of the variable and the context in ' +
  'which it is used. The text you send as the improved variable will directly replace it.';

/** Textual gradient descent: one call per trainable prompt. */
export const textgradUpdateTemplate: MetaPromptTemplate<TextgradUpdateTask> = {
  id: 'textgrad.update',
  version: 2,
  system: OPTIMIZER_SYSTEM,
  instructions: `Here is the role of the variable you will improve: <ROLE> the system prompt of the step \`node\` </ROLE>. The variable is the text within the following span: <VARIABLE> \`node.instruction\` </VARIABLE>.

Here is the context and feedback we got for the variable (\`gradients\`), per conversation: <LM_INPUT> \`input\` </LM_INPUT> <LM_OUTPUT> \`output\` </LM_OUTPUT>. This conversation is potentially part of a larger system. The output is used as the output of the step. Here is the feedback we got for the system prompt in the conversation: <FEEDBACK> \`feedback\` </FEEDBACK>.

Improve the variable (the system prompt of the step) using the feedback provided in <FEEDBACK> tags.`,
  answerInstructions:
    'End with exactly one fenced json block (three backticks and the word json) of the form ' +
    '{"reasoning": "...", "prompt": "<the improved variable>"}; "prompt" replaces the variable as is.',
  contextKeys: ['task', 'node', 'gradients'],
};

/** The loss-to-feedback request (TextGrad's seed). */
export function buildTextgradLossPrompt(payload: Omit<TextgradLossTask, 'task'>): MetaPrompt {
  return buildMetaPrompt(textgradLossTemplate, { task: 'textgrad.loss', ...payload });
}

/** A per-edge (or, with `variable: "prompt"`, per-parameter) gradient request. */
export function buildTextgradGradientPrompt(payload: Omit<TextgradGradientTask, 'task'>): MetaPrompt {
  const full: TextgradGradientTask = { task: 'textgrad.gradient', ...payload };
  return buildMetaPrompt(
    payload.variable === 'prompt' ? textgradGradientPromptTemplate : textgradGradientInputTemplate,
    full,
  );
}

/** The TGD step request for one trainable prompt. */
export function buildTextgradUpdatePrompt(payload: Omit<TextgradUpdateTask, 'task'>): MetaPrompt {
  return buildMetaPrompt(textgradUpdateTemplate, { task: 'textgrad.update', ...payload });
}
