/**
 * GEPA's reflection meta-prompt (Agrawal et al. 2025, appendix "GEPA's meta prompt"; gepa-ai/gepa's
 * default instruction proposal): the module's current instruction, then per minibatch example the
 * inputs it was given, what it generated, and the feedback on the program's result; the reflection
 * model reads them, works out the task and what went wrong, and writes a new instruction. Backflow
 * adds the steps after the module (the execution trace down to the outputs), since in a workflow a
 * module's output reaches the loss through other steps.
 */
import { NODE_FIELDS } from '../../prompts/describe';
import { buildMetaPrompt, type MetaPromptTemplate } from '../../prompts/template';
import type { GepaReflectTask } from './tasks';

const SYSTEM =
  'You improve the instruction of one module of a language-model program by reflecting on its ' +
  'execution traces and the feedback each run received.';

/** The reflective mutation of one module's instruction. */
export const gepaReflectTemplate: MetaPromptTemplate<GepaReflectTask> = {
  id: 'gepa.reflect',
  version: 2,
  system: SYSTEM,
  instructions: `I provided a module of a larger program with an instruction to perform a task for me. The context gives ${NODE_FIELDS}, then \`examples\`: per example, the input the module was given (\`input\`, the message it was sent), the output it generated (\`output\`), the rest of the program's execution after it (\`trace\`: each later step's id, instruction, what it received and what it answered; empty when this module feeds the outputs directly), and feedback on how the program's result could be better (\`outputs\`: each output's value, the expected value, its score and the loss's feedback).

Your task is to write a new instruction for this module. Read the inputs carefully and identify their format, and infer a detailed description of the task the module has to perform. Read the feedback and the rest of each execution to work out what this module's output should have been, and what general rule would produce it. Include any domain-specific facts the feedback reveals, since they may not be available to the module later. Keep what already works; the instruction must hold for other inputs too, so do not mention these examples.`,
  answerInstructions:
    'Explain your reasoning briefly. Then end with exactly one fenced json block (three backticks ' +
    'and the word json) of the form {"reasoning": "...", "prompt": "<the new instruction>"}.',
  contextKeys: ['task', 'node', 'examples'],
};

/** Builds the reflection meta-prompt for `task`. */
export function buildGepaReflectPrompt(task: Omit<GepaReflectTask, 'task'>) {
  return buildMetaPrompt(gepaReflectTemplate, { task: 'gepa.reflect', ...task });
}
