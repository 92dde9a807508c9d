import {
  buildGepaReflectPrompt,
  metaPromptMessages,
  parseAnswer,
  promptAnswerSchema,
} from '@backflow/engine';
import { forwardAnswer } from '../forward';
import { createSimulatedModel } from '../sim-model';
import { desiredAtModule } from './gepa';

// The receipt chain's culprit ("total" multiplies instead of adding) and the step after it.
const EXTRACT = 'List all the numbers.';
const TOTAL = 'Multiply the numbers together. Show exactly 1 decimal.';
const LABEL = "Begin your reply with 'Total:'.";

function example(id: string, receipt: string, expected: string) {
  const amounts = forwardAnswer(EXTRACT, `Receipt: ${receipt}`);
  const input = `Amounts: ${amounts}`;
  const output = forwardAnswer(TOTAL, input);
  const labelled = forwardAnswer(LABEL, output);
  return {
    exampleId: id,
    input,
    output,
    trace: [
      {
        nodeId: 'label',
        kind: 'llm' as const,
        role: 'formats',
        instruction: LABEL,
        input: output,
        output: labelled,
      },
    ],
    outputs: [{ id: 'answer', from: 'label', value: labelled, expected, score: 0, feedback: '' }],
    score: 0,
  };
}

const examples = [
  example('a', 'Paid 8.36 for tickets, 18.11 for snacks and 31.03 for parking.', 'Total: 57.5'),
  example('b', 'Paid 15.26 for flowers, 17.17 for parking and 19.24 for books.', 'Total: 51.7'),
];
const node = {
  id: 'total',
  kind: 'llm' as const,
  role: 'Totals the amounts',
  instruction: TOTAL,
  userTemplate: 'Amounts: {{amounts}}',
};

describe("the simulator's GEPA reflection", () => {
  it('works back through the steps after the module to what it should have answered', () => {
    expect(desiredAtModule('total', examples[0]!)).toBe('57.5');
    // A module feeding the output directly is asked for the expected value itself.
    const direct = { ...examples[0]!, trace: [], outputs: [{ ...examples[0]!.outputs[0]!, from: 'total' }] };
    expect(desiredAtModule('total', direct)).toBe('Total: 57.5');
  });

  it('answers the engine request, from its messages alone, with an instruction that fixes the module', async () => {
    const model = createSimulatedModel({ seed: 1 });
    const prompt = buildGepaReflectPrompt({ node, examples });
    const reply = await model.complete({ messages: metaPromptMessages(prompt) });
    const answer = parseAnswer(reply.text, promptAnswerSchema);
    if (!answer.ok) throw new Error(answer.error);
    expect(answer.value.prompt).not.toBe(TOTAL);
    for (const e of examples) {
      const fixed = forwardAnswer(LABEL, forwardAnswer(answer.value.prompt, e.input));
      expect(fixed).toBe(e.outputs[0]?.expected);
    }
  });

  it('keeps the instruction when every example already passes', async () => {
    const model = createSimulatedModel({ seed: 1 });
    const passing = examples.map((e) => ({
      ...e,
      score: 1,
      outputs: e.outputs.map((o) => ({ ...o, expected: o.value, score: 1 })),
    }));
    const reply = await model.complete({
      messages: metaPromptMessages(buildGepaReflectPrompt({ node, examples: passing })),
    });
    const answer = parseAnswer(reply.text, promptAnswerSchema);
    expect(answer.ok && answer.value.prompt).toBe(TOTAL);
  });
});
