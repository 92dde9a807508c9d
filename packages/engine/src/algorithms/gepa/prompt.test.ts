import { metaPromptMessages } from '../../prompts/ask';
import { findJsonBlocks, readLastJsonBlock } from '../../prompts/json-block';
import { taskPayloadSchema } from '../../prompts/tasks';
import { buildGepaReflectPrompt } from './prompt';

const longValue = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ');

describe("GEPA's reflection meta-prompt", () => {
  const prompt = buildGepaReflectPrompt({
    node: {
      id: 'extract',
      kind: 'llm',
      role: 'extracts',
      instruction: 'Find the numbers.',
      userTemplate: '{{q}}',
    },
    examples: [
      {
        exampleId: 'ex1',
        input: `INPUT-TEXT ${longValue}`,
        output: 'MODULE-OUTPUT',
        trace: [
          {
            nodeId: 'solve',
            kind: 'llm',
            role: 'adds',
            instruction: 'Add them.',
            input: 'STEP-IN',
            output: 'STEP-OUT',
          },
        ],
        outputs: [
          {
            id: 'out',
            from: 'solve',
            value: 'STEP-OUT',
            expected: 'EXPECTED-42',
            score: 0,
            feedback: 'LOSS-FEEDBACK {{q}}',
          },
        ],
        score: 0,
      },
    ],
  });
  const user = metaPromptMessages(prompt)[1]?.content ?? '';

  it('is named and versioned, and its payload is the one json block the simulator reads', () => {
    expect(prompt.templateId).toBe('gepa.reflect@2');
    expect(findJsonBlocks(user)).toHaveLength(1);
    const block = readLastJsonBlock(user);
    expect(block.ok && taskPayloadSchema.parse(block.value).task).toBe('gepa.reflect');
  });

  it('sends the instruction, each input and output, the trace after the module and the feedback once, uncut', () => {
    for (const text of [
      'Find the numbers.',
      longValue,
      'MODULE-OUTPUT',
      'STEP-IN',
      'EXPECTED-42',
      'LOSS-FEEDBACK {{q}}',
    ])
      expect(user.split(text).length - 1).toBe(1);
    // STEP-OUT is both the later step's answer and the output's value: once in each place.
    expect(user.split('STEP-OUT').length - 1).toBe(2);
  });

  it('puts the static question before the per-call context', () => {
    const question = user.indexOf('write a new instruction');
    expect(question).toBeGreaterThan(-1);
    expect(question).toBeLessThan(user.indexOf('Find the numbers.'));
  });
});
