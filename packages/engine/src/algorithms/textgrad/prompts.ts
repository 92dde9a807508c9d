import type { MetaPrompt } from '../../prompts/ask';
import { nodeTitle } from '../../prompts/describe';
import type { TextgradGradientTask, TextgradLossTask, TextgradUpdateTask } from '../../prompts/tasks';
import {
  buildMetaPrompt,
  indentBlock,
  instructionText,
  listFields,
  listMessages,
  type MetaPromptTemplate,
} from '../../prompts/template';

/**
 * TextGrad's meta-prompts (Yuksekgonul et al., arXiv 2406.07496), in our words after the public
 * code's backward and optimizer prompts: a backward call gives criticism (never a rewritten value)
 * to ONE variable given the conversation it took part in and the feedback on the output; the TGD
 * step rewrites a parameter from its role, value and every gradient with its conversation. Values
 * are shown whole (the public code cuts long values to their first and last words; we do not).
 */

const BACKWARD_SYSTEM =
  'You are part of an optimization system that improves a given text (the variable). You are the ' +
  'gradient (feedback) engine: your only job is to give intelligent, constructive criticism of the ' +
  'variable for a stated objective. Pay attention to the role of the variable and the context in ' +
  'which it is used; assume it will be used in a similar context in the future. Only give ' +
  'strategies, explanations and ways to change the variable; do NOT propose a new version of it, ' +
  "that is the optimizer's job. If the variable already works well (the objective is met), say " +
  'that no change is needed.\n' +
  'Tags you will see: <LM_SYSTEM_PROMPT> the system prompt of a language model; <LM_INPUT> its ' +
  'input; <LM_OUTPUT> its output; <OBJECTIVE_FUNCTION> the objective; <VARIABLE> the span you ' +
  'give feedback on; <ROLE> the role of that variable.';

const CRITICISM_ANSWER =
  'End with exactly one fenced json block (three backticks and the word json) of the form ' +
  '{"change": true or false, "criticism": "..."}; "change": false means the variable needs no change.';

/** Seed: one call per example and output turning the loss into feedback on the final output. */
export const textgradLossTemplate: MetaPromptTemplate<TextgradLossTask> = {
  id: 'textgrad.loss',
  version: 1,
  system: BACKWARD_SYSTEM,
  prose: `You will give feedback to a variable with the following role: <ROLE> the final answer of the workflow at {{title}} </ROLE>. Here is an evaluation of the variable:

Example "{{exampleId}}":
{{fields}}

<VARIABLE>
{{output}}
</VARIABLE>

Expected answer:
{{target}}

Evaluation: score {{score}} (1 is best, 0 is worst).
{{lossFeedback}}

<OBJECTIVE_FUNCTION>Give feedback and criticism to the variable given the above evaluation. Our only goal is to improve the above metric, and nothing else.</OBJECTIVE_FUNCTION>`,
  vars: (p) => ({
    title: nodeTitle(p.node),
    exampleId: p.example.id,
    fields: listFields(p.example.inputs),
    output: p.output,
    target: indentBlock(p.target),
    score: String(p.score),
    lossFeedback: p.lossFeedback.trim() === '' ? '' : `Evaluator's note:\n${indentBlock(p.lossFeedback)}`,
  }),
  answerInstructions:
    'End with exactly one fenced json block (three backticks and the word json) of the form ' +
    '{"feedback": "...", "suggestedValue": "..."}; give "suggestedValue" only when you know exactly ' +
    'what the final answer should have been.',
};

const CONVERSATION = `Here is a conversation with a language model (LM):

<LM_SYSTEM_PROMPT>
{{instruction}}
</LM_SYSTEM_PROMPT>

<LM_INPUT>
{{rendered}}
</LM_INPUT>

<LM_OUTPUT>
{{output}}
</LM_OUTPUT>

This conversation is part of a larger system. The <LM_OUTPUT> was later used as the output of {{title}}.

<OBJECTIVE_FUNCTION>Your goal is to give feedback to the variable to address the following feedback on the LM_OUTPUT:
{{feedback}}
</OBJECTIVE_FUNCTION>`;

type GradientVars = (p: TextgradGradientTask) => Record<string, string>;
const gradientVars: GradientVars = (p) => ({
  role:
    p.input.role.trim() === '' ? `the input "${p.input.name}" of ${nodeTitle(p.node)}` : p.input.role.trim(),
  instruction: p.node.instruction,
  rendered: p.renderedUserMessage,
  output: p.output,
  title: nodeTitle(p.node),
  feedback: listMessages(p.feedback),
  value: p.input.value,
});

/**
 * One call per (node, input) edge: the conversation shows the whole formatted input (sibling
 * values included, unless the masking ablation is on); other edges' gradient messages are never shown.
 */
export const textgradGradientInputTemplate: MetaPromptTemplate<TextgradGradientTask> = {
  id: 'textgrad.gradient',
  version: 1,
  system: BACKWARD_SYSTEM,
  prose: `You will give feedback to a variable with the following role: <ROLE> {{role}} </ROLE>. ${CONVERSATION}

We are interested in giving feedback to the {{role}} for this conversation. Specifically, give feedback to the following span of text:

<VARIABLE>
{{value}}
</VARIABLE>

Given the above history, describe how the {{role}} could be improved to improve the <OBJECTIVE_FUNCTION>. Be very creative, critical, and intelligent.`,
  vars: gradientVars,
  answerInstructions: CRITICISM_ANSWER,
};

/** The gradient on the node's own system prompt (the trainable parameter), one per example. */
export const textgradGradientPromptTemplate: MetaPromptTemplate<TextgradGradientTask> = {
  id: 'textgrad.gradient.prompt',
  version: 1,
  system: BACKWARD_SYSTEM,
  prose: `You will give feedback to a variable with the following role: <ROLE> the system prompt of {{title}} </ROLE>. ${CONVERSATION}

We are interested in giving feedback to the system prompt for this conversation. Specifically, give feedback to the following span of text:

<VARIABLE>
{{value}}
</VARIABLE>

Given the above history, describe how the system prompt could be improved to improve the <OBJECTIVE_FUNCTION>. Be very creative, critical, and intelligent.`,
  vars: gradientVars,
  answerInstructions: CRITICISM_ANSWER,
};

const OPTIMIZER_SYSTEM =
  'You are part of an optimization system that improves text (the variable). You will receive ' +
  'feedback and use it to improve the variable. The feedback may be noisy: identify what is ' +
  'important and what is correct. Pay attention to the role of the variable and the context in ' +
  'which it is used. The text you send as the improved variable will directly replace it.';

function listGradients(gradients: TextgradUpdateTask['gradients'], title: string): string {
  if (gradients.length === 0) return '(none)';
  return gradients
    .map(
      (g) =>
        `<CONVERSATION>\nExample "${g.exampleId}".\n<LM_INPUT>\n${g.input}\n</LM_INPUT>\n<LM_OUTPUT>\n${g.output}\n</LM_OUTPUT>\n</CONVERSATION>\n` +
        `This conversation is potentially part of a larger system. The output is used as the output of ${title}.\n` +
        `Here is the feedback we got for the system prompt in the conversation:\n<FEEDBACK>\n${listMessages(g.feedback)}\n</FEEDBACK>`,
    )
    .join('\n\n');
}

/** Textual gradient descent: one call per trainable prompt. */
export const textgradUpdateTemplate: MetaPromptTemplate<TextgradUpdateTask> = {
  id: 'textgrad.update',
  version: 1,
  system: OPTIMIZER_SYSTEM,
  prose: `Here is the role of the variable you will improve: <ROLE> the system prompt of {{title}} </ROLE>.

The variable is the text within the following span:
<VARIABLE>
{{instruction}}
</VARIABLE>

Here is the context and feedback we got for the variable:

{{gradients}}

Improve the variable (the system prompt of {{title}}) using the feedback provided in <FEEDBACK> tags.`,
  vars: (p) => ({
    title: nodeTitle(p.node),
    instruction: instructionText(p.node.instruction),
    gradients: listGradients(p.gradients, nodeTitle(p.node)),
  }),
  answerInstructions:
    'End with exactly one fenced json block (three backticks and the word json) of the form ' +
    '{"reasoning": "...", "prompt": "<the improved variable>"}; "prompt" replaces the variable as is.',
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
