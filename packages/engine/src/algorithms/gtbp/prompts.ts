import type { MetaPrompt } from '../../prompts/ask';
import { nodeTitle, stepContextVars, withWeighing } from '../../prompts/describe';
import type { GtbpEditTask, GtbpInvertTask, GtbpReconcileTask } from '../../prompts/tasks';
import { buildMetaPrompt, indentBlock, listFields, type MetaPromptTemplate } from '../../prompts/template';

/**
 * GTBP's meta-prompts (graph-based target back-propagation, arXiv 2606.14155). No code is public,
 * so the wording is ours, from the paper's description: module inversion asks for the input
 * closest to the actual one that would make the step, prompt unchanged, produce its target
 * output; the stage-wise update edits the prompt's claims under an edit budget from the module
 * set S_v = {(input, output, target)}.
 */

const INVERT_SYSTEM =
  'You are the backward engine of a target-propagation optimizer for multi-step language-model ' +
  'workflows. Every step has a target output. You invert one step: given its instruction, its ' +
  'actual inputs and output, and its target output, you propose the inputs, as close as possible ' +
  'to the actual ones, from which the step as it is would produce the target. Inputs that already ' +
  'fit keep their actual value exactly.';

/** Module inversion for one node and one example. */
export const gtbpInvertTemplate: MetaPromptTemplate<GtbpInvertTask> = {
  id: 'gtbp.invert',
  version: 1,
  system: INVERT_SYSTEM,
  prose: `{{title}} of a larger workflow maps its inputs to an output with a fixed instruction.

Instruction of the step (it will NOT change):
{{instruction}}

Example "{{exampleId}}":
{{fields}}

Actual inputs, all of them together:
{{inputs}}

The message the step was sent:
{{rendered}}

Actual output:
{{output}}

Target output (what the step should have produced):
{{target}}

Propose the input that is as close as possible to the actual input and from which this step, with its instruction unchanged, would produce the target output. Split it into one target value per input produced by another step; give an input whose actual value already fits exactly that actual value. Example fields are fixed and need no target. Required input ids: {{ids}}.`,
  vars: (p) => {
    const context = stepContextVars(p);
    // The prose opens with the title, so it starts with a capital.
    return { ...context, title: context.title.replace(/^step/, 'Step'), target: indentBlock(p.targetOutput) };
  },
  answerInstructions:
    'Reason briefly, then end with exactly one fenced json block (three backticks and the word ' +
    'json) of the form {"targets": {"<input id>": "<target value of that input>"}, "reasoning": ' +
    '"..."} with an entry for EVERY required input id.',
};

/** Module inversion in the weighed mode: the step may answer that its own instruction is at fault. */
export const gtbpInvertWeighedTemplate: MetaPromptTemplate<GtbpInvertTask> = withWeighing(gtbpInvertTemplate);

/** Merges several successors' targets for one node's output on one example. */
export const gtbpReconcileTemplate: MetaPromptTemplate<GtbpReconcileTask> = {
  id: 'gtbp.reconcile',
  version: 1,
  system: INVERT_SYSTEM,
  prose: `The output of {{title}} feeds several later steps, and each of them proposed a different target for it on example "{{exampleId}}".

Example "{{exampleId}}":
{{fields}}

Actual output of the step:
{{output}}

Proposed targets:
{{candidates}}

Merge the proposals into ONE target output for this step: the output, as close as possible to the actual one, that serves every later step.`,
  vars: (p) => ({
    title: nodeTitle(p.node),
    exampleId: p.example.id,
    fields: listFields(p.example.inputs),
    output: indentBlock(p.output),
    candidates: p.candidates
      .map((c, i) => `  ${i + 1}. From step "${c.from}":\n${indentBlock(c.target)}`)
      .join('\n'),
  }),
  answerInstructions:
    'End with exactly one fenced json block (three backticks and the word json) of the form ' +
    '{"target": "<the merged target output>", "reasoning": "..."}.',
};

/** The stage-wise local update: structured claim edits under the edit budget. */
export const gtbpEditTemplate: MetaPromptTemplate<GtbpEditTask> = {
  id: 'gtbp.edit',
  version: 1,
  system:
    'You update the instruction of one step of a language-model workflow. The instruction is an ' +
    'ordered list of claims. You make few, local edits so that the step maps each recorded input ' +
    'to its target output, and you never exceed the edit budget.',
  prose: `The instruction of {{title}} is this ordered list of claims:
{{claims}}

Recorded behaviour of the step (its module set): for each example, the input it received, the output it produced, and the target output it should have produced:
{{moduleSet}}

Edit the claims so that the step would produce each target from its input. Budget: replace or delete at most {{maxEdits}} existing claim(s); {{addRule}} Leave claims that work as they are.`,
  vars: (p) => ({
    title: nodeTitle(p.node),
    claims:
      p.claims.length === 0 ? '  (no claims yet)' : p.claims.map((c) => `  [${c.id}] ${c.text}`).join('\n'),
    moduleSet: p.moduleSet
      .map(
        (m, i) =>
          `## Example ${i + 1} ("${m.exampleId}")\nInput:\n${indentBlock(m.input)}\nOutput:\n${indentBlock(m.output)}\nTarget output:\n${indentBlock(m.target)}`,
      )
      .join('\n\n'),
    maxEdits: String(p.budget.maxEdits),
    addRule: p.budget.mayAdd ? 'you may add at most one new claim.' : 'do not add new claims.',
  }),
  answerInstructions:
    'End with exactly one fenced json block (three backticks and the word json) of the form ' +
    '{"edits": [{"action": "replace", "claimId": "c1", "text": "..."}, {"action": "delete", ' +
    '"claimId": "c2"}, {"action": "add", "text": "...", "afterClaimId": "c1"}], "reasoning": "..."}; ' +
    'an empty "edits" list means no change.',
};

/** The module-inversion request for one node and one example. */
export function buildGtbpInvertPrompt(payload: Omit<GtbpInvertTask, 'task'>): MetaPrompt {
  const template = payload.mode === 'weighed' ? gtbpInvertWeighedTemplate : gtbpInvertTemplate;
  return buildMetaPrompt(template, { task: 'gtbp.invert', ...payload });
}

/** The request merging several successors' targets for one node and one example. */
export function buildGtbpReconcilePrompt(payload: Omit<GtbpReconcileTask, 'task'>): MetaPrompt {
  return buildMetaPrompt(gtbpReconcileTemplate, { task: 'gtbp.reconcile', ...payload });
}

/** The claim-edit request of GTBP's stage-wise update for one node. */
export function buildGtbpEditPrompt(payload: Omit<GtbpEditTask, 'task'>): MetaPrompt {
  return buildMetaPrompt(gtbpEditTemplate, { task: 'gtbp.edit', ...payload });
}
