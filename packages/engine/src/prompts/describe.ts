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
export const STEP_CONTEXT_FIELDS = `${NODE_FIELDS}, the \`example\`, all the step's \`inputs\` (kind "input": a field of the example), the message it was sent (\`renderedUserMessage\`; absent: \`userTemplate\` filled with the inputs' values) and its \`output\``;

/** The rule naming which inputs an answer must address: those produced by other steps. */
export const ANSWERABLE_INPUTS = 'every input whose kind is not "input"';

/**
 * How every meta-prompt asks for its answer, said once per request and the same way in each: the
 * answer format follows (`END_WITH_JSON {"targets": ...}`). The engine's answer reader is tolerant,
 * so the fence need not be spelled out.
 */
export const END_WITH_JSON = 'end with one fenced json block';

/** `text` with a capital first letter (a sentence that starts with {@link END_WITH_JSON}). */
export function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The paragraph the weighed backward mode adds (Backflow's extension, docs/algorithms.md): the
 * papers' steps explain a discrepancy by the inputs, holding the step's instruction fixed, even
 * when a one-word change of the instruction explains it far better. A careful person weighs both.
 */
const WEIGH_PARAGRAPH = `

First weigh two explanations: (a) the step's OWN instruction is wrong (the smallest edit of it that gives the desired output from the actual inputs); (b) the INPUTS are wrong (the smallest change of some of them, instruction unchanged). Roles are evidence: moving an instruction away from its step's role is a large change; an input change its producer's role asks for is small. Keep the smaller change; under (a) the inputs keep their actual values. If even the fixed instruction cannot give the desired output from the actual inputs, both are wrong: ask the inputs for what it needs.`;

const WEIGH_ANSWER = ' Add "explanation": "instruction" (a), "inputs" (b), "both" or "none".';

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
