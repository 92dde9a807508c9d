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
import { findJsonBlocks, readRequestBlock, toContextBlock } from './json-block';
import type { TaskInput, TaskNode } from './tasks';
import { taskPayloadSchema } from './tasks';

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
    ],
  ],
  [
    'sembp.critique',
    buildSembpCritiquePrompt({ node, examples: updateExamples }),
    ['Add the numbers up.', 'INPUT-TEXT', 'OUTPUT-TEXT', 'MESSAGE-TWO', 'SUGGESTED'],
  ],
  ['sembp.update', buildSembpUpdatePrompt({ node, examples: updateExamples }), ['INPUT-TEXT', 'OUTPUT-TEXT']],
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
    ['OUT-5', 'LOSS-NOTE', 'What is 2+3?'],
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
    ['Add the numbers up.', 'INPUT-TEXT', 'OUTPUT-TEXT', 'MESSAGE-ONE'],
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
    [longValue, 'OUT-5', 'TARGET-7', 'RENDERED', 'VALUE-OF-P2 with {{h1}} inside'],
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
    ['OUT-5', 'T1', 'T2', 'What is 2+3?'],
  ],
  [
    'gtbp.edit',
    buildGtbpEditPrompt({
      node,
      claims: [{ id: 'c1', text: 'CLAIM-ONE' }],
      moduleSet: [{ exampleId: 'ex1', input: 'INPUT-TEXT', output: 'OUTPUT-TEXT', target: 'TARGET-TEXT' }],
      budget: { maxEdits: 2, mayAdd: false },
    }),
    ['CLAIM-ONE', 'INPUT-TEXT', 'OUTPUT-TEXT', 'TARGET-TEXT'],
  ],
];

/** How often `needle` occurs in `haystack`. */
function occurrences(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

describe('meta-prompts', () => {
  it.each(cases)(
    '%s: states its context once, in one valid json block after the static text',
    (task, prompt, mustContain) => {
      expect(prompt.payload.task).toBe(task);
      expect(prompt.templateId).toMatch(/^[a-z.-]+@\d+$/);
      expect(taskPayloadSchema.safeParse(prompt.payload).success).toBe(true);
      expect(prompt.answerInstructions).not.toContain('```');
      const [system, user] = metaPromptMessages(prompt);
      expect(system!.content).toBe(prompt.system);
      expect(findJsonBlocks(user!.content)).toHaveLength(1);
      expect(readRequestBlock([user!])).toEqual({ ok: true, value: prompt.payload });
      // Static text first: the instructions and the answer format open the user message, and
      // the context block closes it.
      expect(user!.content.startsWith(`${prompt.instructions}\n\n${prompt.answerInstructions}\n\n`)).toBe(
        true,
      );
      expect(user!.content.endsWith('```')).toBe(true);
      // Once: every value appears exactly once in the whole request (as a JSON string).
      const request = `${system!.content}\n${user!.content}`;
      for (const text of mustContain) expect(occurrences(request, JSON.stringify(text).slice(1, -1))).toBe(1);
    },
  );

  it('keeps per-call text out of the static part, so calls of one template share a prefix', () => {
    const first = metaPromptMessages(cases[0]![1]);
    const other = metaPromptMessages(
      buildSembpGradientPrompt({
        variant: 'target',
        node,
        example: { id: 'ex2', inputs: { q: 'What is 4+4?' } },
        inputs: inputs.map((i) => ({ ...i, value: `${i.value} (other)` })),
        renderedUserMessage: 'OTHER',
        output: 'OUT-8',
        messages: [{ from: 'judge', text: 'OTHER MESSAGE' }],
      }),
    );
    expect(other[0]).toEqual(first[0]);
    const a = first[1]!.content;
    const b = other[1]!.content;
    let shared = 0;
    while (shared < a.length && a[shared] === b[shared]) shared++;
    // The two differ first inside the context, after the node (the same node on both examples).
    const nodeEnd = a.indexOf('\n"example"');
    expect(nodeEnd).toBeGreaterThan(0);
    expect(shared).toBeGreaterThan(nodeEnd);
  });

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
    expect(comment.templateId).toBe('sembp.gradient.comment@3');
    expect(comment.instructions).toContain('without mentioning the other inputs');
    const rewrite = buildSembpUpdatePrompt({
      node,
      examples: updateExamples,
      critique: { pros: ['PRO-1'], cons: ['CON-1'] },
    });
    expect(rewrite.templateId).toBe('sembp.update.via-critique@2');
    // As in the reference code, the rewrite sees the comments, not the examples.
    const user = metaPromptMessages(rewrite)[1]!.content;
    expect(user).toContain('PRO-1');
    expect(user).toContain('CON-1');
    expect(user).not.toContain('INPUT-TEXT');
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
    expect(prompt.templateId).toBe('textgrad.gradient.prompt@3');
  });

  it('writes the context compactly in the template order and refuses a field the order misses', () => {
    expect(toContextBlock({ b: [1, 2], a: 'x', c: undefined }, ['a', 'b', 'c'])).toBe(
      '```json\n{\n"a":"x",\n"b":[\n1,\n2\n]\n}\n```',
    );
    expect(() => toContextBlock({ a: 1, extra: 2 }, ['a'])).toThrow(/extra/);
  });

  it('leaves out the message the step was sent when its template and inputs give it exactly, and reads it back', () => {
    const rendered = `h1: ${longValue}\nh2: VALUE-OF-P2 with {{h1}} inside`;
    const prompt = buildGtbpInvertPrompt({
      node,
      example,
      inputs,
      renderedUserMessage: rendered,
      output: 'OUT-5',
      targetOutput: 'TARGET-7',
    });
    const user = metaPromptMessages(prompt)[1]!;
    expect(user.content).not.toContain('"renderedUserMessage"');
    expect(occurrences(user.content, longValue)).toBe(1);
    expect(readRequestBlock([user])).toEqual({ ok: true, value: prompt.payload });
    // A message the template does not give (here: a masked sibling) is sent as it was.
    const masked = buildGtbpInvertPrompt({
      ...prompt.payload,
      renderedUserMessage: 'h1: (hidden)\nh2: x',
    } as never);
    expect(metaPromptMessages(masked)[1]!.content).toContain('"renderedUserMessage":"h1: (hidden)\\nh2: x"');
  });

  it("sends TextGrad's prompt variable once, as node.instruction, and reads it back", () => {
    const payload = {
      variable: 'prompt' as const,
      node: { ...node, instruction: longValue },
      renderedUserMessage: 'R',
      output: 'O',
      feedback: messages,
      input: {
        id: 'solver',
        name: 'system prompt',
        kind: 'llm' as const,
        role: 'system prompt',
        value: longValue,
      },
    };
    const prompt = buildTextgradGradientPrompt(payload);
    const user = metaPromptMessages(prompt)[1]!;
    expect(occurrences(user.content, longValue)).toBe(1);
    // The variable is the node's own prompt under a fixed name: no `input` is sent at all.
    expect(user.content).not.toContain('"input"');
    expect(readRequestBlock([user])).toEqual({ ok: true, value: prompt.payload });
    // An `input` that is not exactly the node's prompt variable is sent as it is.
    const renamed = buildTextgradGradientPrompt({ ...payload, input: { ...payload.input, role: 'R' } });
    expect(metaPromptMessages(renamed)[1]!.content).toContain('"input":{');
  });

  it("sends GTBP's instruction once, as its claims", () => {
    // A whole task node may be passed; its instruction is not sent.
    const whole: TaskNode = { ...node, instruction: longValue };
    const prompt = buildGtbpEditPrompt({
      node: whole,
      claims: [{ id: 'c1', text: longValue }],
      moduleSet: [],
      budget: { maxEdits: 1, mayAdd: false },
    });
    const user = metaPromptMessages(prompt)[1]!;
    expect(occurrences(user.content, longValue)).toBe(1);
    expect(user.content).not.toContain('"instruction"');
    expect(readRequestBlock([user])).toEqual({ ok: true, value: prompt.payload });
  });

  it('reads the context of a repair turn from the request above it', () => {
    const [system, user] = metaPromptMessages(cases[0]![1]);
    const repair = [
      system!,
      user!,
      { role: 'assistant' as const, content: 'not json' },
      { role: 'user' as const, content: 'Your answer could not be read. Answer again.' },
    ];
    expect(readRequestBlock(repair)).toEqual({ ok: true, value: cases[0]![1].payload });
    expect(readRequestBlock([{ role: 'user', content: 'no block' }])).toBeNull();
  });
});
