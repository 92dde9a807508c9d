import {
  buildGtbpEditPrompt,
  buildGtbpInvertPrompt,
  buildGtbpReconcilePrompt,
} from '../algorithms/gtbp/prompts';
import {
  buildSembpCritiquePrompt,
  buildSembpGradientPrompt,
  buildSembpUpdatePrompt,
} from '../algorithms/sembp/prompts';
import {
  buildTextgradGradientPrompt,
  buildTextgradLossPrompt,
  buildTextgradUpdatePrompt,
} from '../algorithms/textgrad/prompts';
import { type MetaPrompt, metaPromptMessages } from './ask';
import { findJsonBlocks, readLastJsonBlock } from './json-block';
import type { TaskInput, TaskNode } from './tasks';
import { taskPayloadSchema } from './tasks';
import { fillPlaceholders } from './template';

const longValue = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ');
const node: TaskNode = {
  id: 'solver',
  kind: 'llm',
  role: 'solves it',
  instruction: 'Add the numbers up.',
  userTemplate: 'h1: {{h1}}\nh2: {{h2}}',
};
const inputs: TaskInput[] = [
  { id: 'in', name: 'q', kind: 'input', role: 'the question', value: 'What is 2+3?' },
  { id: 'p1', name: 'h1', kind: 'llm', role: 'extracts', value: longValue },
  { id: 'p2', name: 'h2', kind: 'llm', role: 'extracts', value: 'VALUE-OF-P2 with {{h1}} inside' },
];
const example = { id: 'ex1', inputs: { q: 'What is 2+3?' } };
const messages = [
  { from: 'judge', text: 'MESSAGE-ONE' },
  { from: 'other', text: 'MESSAGE-TWO', suggestedValue: 'SUGGESTED' },
];
const updateExamples = [{ exampleId: 'ex1', input: 'INPUT-TEXT', output: 'OUTPUT-TEXT', messages }];

const cases: [string, MetaPrompt, string[]][] = [
  [
    'sembp.gradient',
    buildSembpGradientPrompt({
      variant: 'target',
      node,
      example,
      inputs,
      renderedUserMessage: 'RENDERED',
      output: 'OUT-5',
      messages,
    }),
    [
      'Add the numbers up.',
      longValue,
      'VALUE-OF-P2 with {{h1}} inside',
      'OUT-5',
      'MESSAGE-ONE',
      'MESSAGE-TWO',
      'RENDERED',
      '"p1", "p2"',
    ],
  ],
  [
    'sembp.critique',
    buildSembpCritiquePrompt({ node, examples: updateExamples }),
    ['Add the numbers up.', 'INPUT-TEXT', 'OUTPUT-TEXT', 'MESSAGE-TWO', 'pros and cons'],
  ],
  [
    'sembp.update',
    buildSembpUpdatePrompt({ node, examples: updateExamples }),
    ['INPUT-TEXT', 'keyword "feedback"'],
  ],
  [
    'textgrad.loss',
    buildTextgradLossPrompt({
      node,
      example,
      output: 'OUT-5',
      target: '5',
      score: 0,
      lossFeedback: 'LOSS-NOTE',
    }),
    ['OUT-5', 'LOSS-NOTE', 'score 0'],
  ],
  [
    'textgrad.gradient',
    buildTextgradGradientPrompt({
      variable: 'input',
      node,
      renderedUserMessage: 'RENDERED',
      output: 'OUT-5',
      feedback: messages,
      input: inputs[1]!,
    }),
    [longValue, 'RENDERED', 'MESSAGE-ONE', 'MESSAGE-TWO', 'Add the numbers up.'],
  ],
  [
    'textgrad.update',
    buildTextgradUpdatePrompt({
      node,
      gradients: [{ exampleId: 'ex1', input: 'INPUT-TEXT', output: 'OUTPUT-TEXT', feedback: messages }],
    }),
    ['Add the numbers up.', 'INPUT-TEXT', 'MESSAGE-ONE', '<FEEDBACK>'],
  ],
  [
    'gtbp.invert',
    buildGtbpInvertPrompt({
      node,
      example,
      inputs,
      renderedUserMessage: 'RENDERED',
      output: 'OUT-5',
      targetOutput: 'TARGET-7',
    }),
    [longValue, 'OUT-5', 'TARGET-7', 'as close as possible', '"p1", "p2"'],
  ],
  [
    'gtbp.reconcile',
    buildGtbpReconcilePrompt({
      node,
      example,
      output: 'OUT-5',
      candidates: [
        { from: 's1', target: 'T1' },
        { from: 's2', target: 'T2' },
      ],
    }),
    ['OUT-5', 'T1', 'T2', '"s2"'],
  ],
  [
    'gtbp.edit',
    buildGtbpEditPrompt({
      node,
      claims: [{ id: 'c1', text: 'CLAIM-ONE' }],
      moduleSet: [{ exampleId: 'ex1', input: 'INPUT-TEXT', output: 'OUTPUT-TEXT', target: 'TARGET-TEXT' }],
      budget: { maxEdits: 2, mayAdd: false },
    }),
    ['[c1] CLAIM-ONE', 'INPUT-TEXT', 'TARGET-TEXT', 'at most 2', 'do not add'],
  ],
];

describe('meta-prompts', () => {
  it.each(cases)(
    '%s: states its context in prose and carries exactly one valid payload',
    (task, prompt, mustContain) => {
      expect(prompt.payload.task).toBe(task);
      expect(prompt.templateId).toMatch(/^[a-z.-]+@\d+$/);
      expect(taskPayloadSchema.safeParse(prompt.payload).success).toBe(true);
      expect(prompt.answerInstructions).not.toContain('```');
      const [system, user] = metaPromptMessages(prompt);
      expect(system!.content).toBe(prompt.system);
      expect(findJsonBlocks(user!.content)).toHaveLength(1);
      expect(readLastJsonBlock(user!.content)).toEqual({ ok: true, value: prompt.payload });
      for (const text of mustContain) expect(prompt.prose).toContain(text);
    },
  );

  it('uses the comment wording for the comment variant and the critique for the critique-first rewrite', () => {
    const comment = buildSembpGradientPrompt({
      variant: 'comment',
      node,
      example,
      inputs,
      renderedUserMessage: 'R',
      output: 'O',
      messages,
    });
    expect(comment.templateId).toBe('sembp.gradient.comment@1');
    expect(comment.prose).toContain('without mentioning the other inputs');
    const rewrite = buildSembpUpdatePrompt({
      node,
      examples: updateExamples,
      critique: { pros: ['PRO-1'], cons: ['CON-1'] },
    });
    expect(rewrite.templateId).toBe('sembp.update.via-critique@1');
    expect(rewrite.prose).toContain('PRO-1');
    expect(rewrite.prose).toContain('CON-1');
    const prompt = buildTextgradGradientPrompt({
      variable: 'prompt',
      node,
      renderedUserMessage: 'R',
      output: 'O',
      feedback: messages,
      input: {
        id: 'solver',
        name: 'system prompt',
        kind: 'llm',
        role: 'system prompt',
        value: 'Add the numbers up.',
      },
    });
    expect(prompt.templateId).toBe('textgrad.gradient.prompt@1');
  });

  it('fills placeholders in one pass and refuses a missing value', () => {
    expect(fillPlaceholders('a {{x}} b {{y}}', { x: '{{y}}', y: 'Y' })).toBe('a {{y}} b Y');
    expect(() => fillPlaceholders('{{nope}}', {})).toThrow(/nope/);
  });
});
