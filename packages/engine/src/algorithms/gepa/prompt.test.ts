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
    expect(prompt.templateId).toBe('gepa.reflect@1');
    expect(findJsonBlocks(user)).toHaveLength(1);
    const block = readLastJsonBlock(user);
    expect(block.ok && taskPayloadSchema.parse(block.value).task).toBe('gepa.reflect');
  });

  it('shows the instruction, each input and output, the trace after the module and the feedback, uncut', () => {
    for (const text of [
      'Find the numbers.',
      longValue,
      'MODULE-OUTPUT',
      'STEP-IN',
      'STEP-OUT',
      '"EXPECTED-42"',
      'LOSS-FEEDBACK {{q}}',
      'write a new instruction',
    ])
      expect(prompt.prose).toContain(text);
  });
});
