/**
 * GEPA's reflection meta-prompt (Agrawal et al. 2025, appendix "GEPA's meta prompt"; gepa-ai/gepa's
 * default instruction proposal): the module's current instruction, then per minibatch example the
 * inputs it was given, what it generated, and the feedback on the program's result; the reflection
 * model reads them, works out the task and what went wrong, and writes a new instruction. Backflow
 * adds the steps after the module (the execution trace down to the outputs), since in a workflow a
 * module's output reaches the loss through other steps.
 */
import { nodeTitle } from '../../prompts/describe';
import {
  buildMetaPrompt,
  indentBlock,
  instructionText,
  type MetaPromptTemplate,
} from '../../prompts/template';
import type { GepaReflectTask } from './tasks';

const SYSTEM =
  'You improve the instruction of one module of a language-model program by reflecting on its ' +
  'execution traces and the feedback each run received.';

function listTrace(trace: GepaReflectTask['examples'][number]['trace']): string {
  if (trace.length === 0) return '    (this module feeds the outputs directly)';
  return trace
    .map(
      (s, i) =>
        `  ${i + 1}. ${s.nodeId} (${s.role || s.kind}), instruction:\n${indentBlock(s.instruction, '      ')}\n     received:\n${indentBlock(s.input, '      ')}\n     answered:\n${indentBlock(s.output, '      ')}`,
    )
    .join('\n');
}

function listOutputs(outputs: GepaReflectTask['examples'][number]['outputs']): string {
  return outputs
    .map(
      (o) =>
        `  - Output "${o.id}" (from ${o.from}): ${JSON.stringify(o.value)}; the expected output is ${JSON.stringify(o.expected)}; score ${o.score}.${o.feedback ? ` Feedback: ${o.feedback}` : ''}`,
    )
    .join('\n');
}

function listExamples(examples: GepaReflectTask['examples']): string {
  if (examples.length === 0) return '    (none)';
  return examples
    .map(
      (e, i) =>
        `## Example ${i + 1} ("${e.exampleId}", score ${e.score})\nInputs given to the module:\n${indentBlock(e.input)}\n\nGenerated output:\n${indentBlock(e.output)}\n\nWhat happened after it:\n${listTrace(e.trace)}\n\nFeedback:\n${listOutputs(e.outputs)}\n`,
    )
    .join('\n');
}

/** The reflective mutation of one module's instruction. */
export const gepaReflectTemplate: MetaPromptTemplate<GepaReflectTask> = {
  id: 'gepa.reflect',
  version: 1,
  system: SYSTEM,
  prose: `I provided {{title}} of a larger program with the following instruction to perform a task for me:
{{instruction}}

The following are examples of inputs given to it, the output it generated for each, the rest of the program's execution, and feedback on how the program's result could be better:

{{examples}}
Your task is to write a new instruction for this module. Read the inputs carefully and identify their format, and infer a detailed description of the task the module has to perform. Read the feedback and the rest of each execution to work out what this module's output should have been, and what general rule would produce it. Include any domain-specific facts the feedback reveals, since they may not be available to the module later. Keep what already works; the instruction must hold for other inputs too, so do not mention these examples.`,
  vars: (p) => ({
    title: nodeTitle(p.node),
    instruction: instructionText(p.node.instruction),
    examples: listExamples(p.examples),
  }),
  answerInstructions:
    'Explain your reasoning briefly. Then end with exactly one fenced json block (three backticks ' +
    'and the word json) of the form {"reasoning": "...", "prompt": "<the new instruction>"}.',
};

/** Builds the reflection meta-prompt for `task`. */
export function buildGepaReflectPrompt(task: Omit<GepaReflectTask, 'task'>) {
  return buildMetaPrompt(gepaReflectTemplate, { task: 'gepa.reflect', ...task });
}
