import type { StepContext, TaskInput, TaskNode } from './tasks';
import { indentBlock, instructionText, listFields } from './template';

/**
 * Prose descriptions of payload parts shared by several meta-prompts, so the same thing reads the
 * same way in every method's prompts.
 */

/** "step "x" (role: ...)" — how a node is named in prose. */
export function nodeTitle(node: TaskNode): string {
  const role = node.role.trim() === '' ? '' : ` (role: ${node.role.trim()})`;
  return `step "${node.id}"${role}`;
}

/** One input, with where it came from and its full value. */
export function describeInput(input: TaskInput): string {
  const origin =
    input.kind === 'input' ? 'a field of the example' : `the output of ${input.kind} step "${input.id}"`;
  const role = input.role.trim() === '' ? '' : `; role: ${input.role.trim()}`;
  return `  Input "${input.id}" (fills {{${input.name}}}; ${origin}${role}):\n${indentBlock(input.value)}`;
}

/** Every input of a node, listed together (the neighbourhood the joint calls condition on). */
export function describeInputs(inputs: readonly TaskInput[]): string {
  if (inputs.length === 0) return '    (none)';
  return inputs.map(describeInput).join('\n');
}

/**
 * Ids of the inputs an answer must address: those produced by other steps. Dataset fields are
 * fixed by the example, so a message about them could not be acted on.
 */
export function answerableInputIds(inputs: readonly TaskInput[]): string[] {
  return [...new Set(inputs.filter((i) => i.kind !== 'input').map((i) => i.id))];
}

/** A quoted, comma-separated list of ids for the answer instructions. */
export function quotedIds(ids: readonly string[]): string {
  return ids.length === 0 ? '(none)' : ids.map((id) => `"${id}"`).join(', ');
}

/** The template variables {@link stepContextVars} fills, by placeholder name. */
export interface StepContextVars {
  title: string;
  instruction: string;
  exampleId: string;
  fields: string;
  inputs: string;
  rendered: string;
  output: string;
  /** The input ids an answer must address, quoted. */
  ids: string;
}

/**
 * The template variables describing one step on one example, so every method's per-example
 * prompt shows that context worded the same way.
 */
export function stepContextVars(context: StepContext): StepContextVars {
  return {
    title: nodeTitle(context.node),
    instruction: instructionText(context.node.instruction),
    exampleId: context.example.id,
    fields: listFields(context.example.inputs),
    inputs: describeInputs(context.inputs),
    rendered: indentBlock(context.renderedUserMessage),
    output: indentBlock(context.output),
    ids: quotedIds(answerableInputIds(context.inputs)),
  };
}

/**
 * The paragraph the weighed backward mode adds (Backflow's extension, docs/algorithms.md): the
 * papers' steps explain a discrepancy by the inputs, holding the step's instruction fixed, even
 * when a one-word change of the instruction explains it far better. A careful person weighs both.
 */
const WEIGH_PARAGRAPH = `

Before you answer, weigh two explanations of the discrepancy, as a careful person would:
(a) the step's OWN instruction is wrong: what is the smallest edit of the instruction that makes the step produce the desired output from the actual inputs?
(b) the INPUTS are wrong: what is the smallest change of the inputs (one or several together) from which the step, instruction unchanged, produces the desired output?
Use the roles as evidence: an edit that moves the instruction away from the step's role is a large change; an input change that its producer's role asks for is a small one. Keep the explanation that changes less. If it is (a), every input keeps its actual value (no input is at fault). If the instruction is wrong but even the fixed instruction cannot produce the desired output from the actual inputs, both are wrong: ask the inputs for the change the fixed instruction needs.`;

const WEIGH_ANSWER =
  ' Also give "explanation": "instruction" when (a) explains it better, "inputs" when (b) does, ' +
  '"both" when both are wrong, "none" when the inputs already produce the desired output.';

/**
 * The weighed version of a backward template: the same context, plus the request to weigh the
 * step's own instruction against its inputs, under its own name (`<id>.weighed`) so recorded calls
 * say which question was asked.
 */
export function withWeighing<T extends { id: string; prose: string; answerInstructions: string }>(
  template: T,
): T {
  return {
    ...template,
    id: `${template.id}.weighed`,
    prose: `${template.prose}${WEIGH_PARAGRAPH}`,
    answerInstructions: `${template.answerInstructions}${WEIGH_ANSWER}`,
  };
}
