/**
 * Static text shared by several meta-prompts: how the context's fields are described (only what
 * their names do not say), so the same thing reads the same way in every method's prompts, and
 * the weighed mode's paragraph.
 */

/** `node` in a context. */
export const NODE_FIELDS =
  "`node` (the step: `instruction` is its system prompt; its inputs fill `userTemplate`'s {{name}} placeholders)";

/**
 * What a per-example backward context holds about the step it runs at: the node, the example,
 * every input, the message the step was sent and what it answered (semantic backpropagation's
 * gradient and GTBP's inversion both condition on exactly this).
 */
export const STEP_CONTEXT_FIELDS = `${NODE_FIELDS}, the \`example\`, all the step's \`inputs\` together (kind "input": a fixed field of the example), the message it was sent (\`renderedUserMessage\`; absent when it is exactly \`userTemplate\` with each input's \`value\` in its {{\`name\`}}) and its \`output\``;

/** The rule naming which inputs an answer must address: those produced by other steps. */
export const ANSWERABLE_INPUTS = 'every input whose kind is not "input"';

/**
 * The paragraph the weighed backward mode adds (Backflow's extension, docs/algorithms.md): the
 * papers' steps explain a discrepancy by the inputs, holding the step's instruction fixed, even
 * when a one-word change of the instruction explains it far better. A careful person weighs both.
 */
const WEIGH_PARAGRAPH = `

First weigh two explanations, as a careful person would: (a) the step's OWN instruction is wrong (the smallest edit of it that gives the desired output from the actual inputs), or (b) the INPUTS are wrong (the smallest change of one or several of them, instruction unchanged). Roles are evidence: moving the instruction away from the step's role is a large change; an input change its producer's role asks for is a small one. Keep the explanation that changes less; under (a) every input keeps its actual value. If the instruction is wrong but even the fixed instruction cannot produce the desired output from the actual inputs, both are wrong: ask the inputs for the change the fixed instruction needs.`;

const WEIGH_ANSWER =
  ' Also give "explanation": "instruction" for (a), "inputs" for (b), "both" when both are wrong, ' +
  '"none" if nothing is wrong.';

/**
 * The weighed version of a backward template: the same context, plus the request to weigh the
 * step's own instruction against its inputs, under its own name (`<id>.weighed`) so recorded calls
 * say which question was asked.
 */
export function withWeighing<T extends { id: string; instructions: string; answerInstructions: string }>(
  template: T,
): T {
  return {
    ...template,
    id: `${template.id}.weighed`,
    instructions: `${template.instructions}${WEIGH_PARAGRAPH}`,
    answerInstructions: `${template.answerInstructions}${WEIGH_ANSWER}`,
  };
}
