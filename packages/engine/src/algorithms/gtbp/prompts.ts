import type { MetaPrompt } from '../../prompts/ask';
import {
  ANSWERABLE_INPUTS,
  capitalized,
  END_WITH_JSON,
  NODE_FIELDS,
  STEP_CONTEXT_FIELDS,
  withWeighing,
} from '../../prompts/describe';
import { buildMetaPrompt, type MetaPromptTemplate } from '../../prompts/template';
import type { GtbpEditTask, GtbpInvertTask, GtbpReconcileTask } from './tasks';

/**
 * GTBP's meta-prompts (graph-based target back-propagation, arXiv 2606.14155). No code is public,
 * so the wording is ours, from the paper's description: module inversion asks for the input
 * closest to the actual one that would make the step, prompt unchanged, produce its target
 * output; the stage-wise update edits the prompt's claims under an edit budget from the module
 * set S_v = {(input, output, target)}. Each request states its context once, in the json block
 * after the static text (template.ts).
 */

const INVERT_SYSTEM =
  'You are the backward engine of a target-propagation optimizer for multi-step language-model ' +
  'workflows, where every step has a target output. You invert one step: you propose the inputs, ' +
  'as close as possible to the actual ones, from which the step, its instruction unchanged, would ' +
  'produce its target. Inputs that already fit keep their actual value exactly.';

/** Module inversion for one node and one example. */
export const gtbpInvertTemplate: MetaPromptTemplate<GtbpInvertTask> = {
  id: 'gtbp.invert',
  version: 3,
  system: INVERT_SYSTEM,
  instructions: `The context gives ${STEP_CONTEXT_FIELDS}, and its \`targetOutput\`. Propose the inputs.`,
  answerInstructions: `Reason briefly, then ${END_WITH_JSON} {"targets": {"<input id>": "<target value>"}, "reasoning": "..."}, an entry for ${ANSWERABLE_INPUTS}.`,
  contextKeys: ['task', 'mode', 'node', 'example', 'inputs', 'renderedUserMessage', 'output', 'targetOutput'],
};

/** Module inversion in the weighed mode: the step may answer that its own instruction is at fault. */
export const gtbpInvertWeighedTemplate: MetaPromptTemplate<GtbpInvertTask> = withWeighing(gtbpInvertTemplate);

/** Merges several successors' targets for one node's output on one example. */
export const gtbpReconcileTemplate: MetaPromptTemplate<GtbpReconcileTask> = {
  id: 'gtbp.reconcile',
  version: 3,
  system: INVERT_SYSTEM,
  instructions: `The output of a step feeds several later steps, and each proposed a different target for it on one example. The context gives ${NODE_FIELDS}, the \`example\`, the step's actual \`output\` and the proposed targets (\`candidates\`, each \`from\` a later step).

Merge the proposals into ONE target output for this step: the output, as close as possible to the actual one, that serves every later step.`,
  answerInstructions: `${capitalized(END_WITH_JSON)} {"target": "<the merged target output>", "reasoning": "..."}.`,
  contextKeys: ['task', 'node', 'example', 'output', 'candidates'],
};

/**
 * The stage-wise local update: structured claim edits under the edit budget. The node's
 * instruction is sent once, as its claims (the payload's node has no `instruction`).
 */
export const gtbpEditTemplate: MetaPromptTemplate<GtbpEditTask> = {
  id: 'gtbp.edit',
  version: 3,
  system:
    'You update the instruction (an ordered list of claims) of one step of a language-model ' +
    'workflow with few, local edits, so that the step maps each recorded input to its target ' +
    'output. You never exceed the edit budget.',
  instructions: `The context gives \`node\` (the step: its inputs fill \`userTemplate\`'s {{name}} placeholders), its instruction as an ordered list of \`claims\`, the edit \`budget\` and its module set \`moduleSet\`: per example, the \`input\` it received, its \`output\` and the \`target\` output it should have produced.

Edit the claims so that the step would produce each target from its input: replace or delete at most \`budget.maxEdits\` claims; add one claim only if \`budget.mayAdd\`. Leave claims that work as they are.`,
  answerInstructions: `${capitalized(END_WITH_JSON)} {"edits": [{"action": "replace", "claimId": "c1", "text": "..."}, {"action": "delete", "claimId": "c2"}, {"action": "add", "text": "...", "afterClaimId": "c1"}], "reasoning": "..."}; empty "edits": no change.`,
  contextKeys: ['task', 'node', 'budget', 'claims', 'moduleSet'],
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
  // A whole task node may be passed: its instruction is sent once, as the claims.
  const { instruction: _sentAsClaims, ...node } = payload.node as GtbpEditTask['node'] & {
    instruction?: string;
  };
  return buildMetaPrompt(gtbpEditTemplate, { task: 'gtbp.edit', ...payload, node });
}
