import * as z from 'zod';
import { gtbpInvertAnswerSchema } from '../algorithms/gtbp/tasks';
import { readAnswerObjects, removeTrailingCommas } from './answer-reader';
import { answerFormatOf, checkAnswer, isStrictSchema, parseAnswer } from './ask';
import { splitReasoning } from './reasoning';
import { judgeAnswerSchema } from './tasks';

const judge = judgeAnswerSchema;
const fence = (label: string, body: string) => `\`\`\`${label}\n${body}\n\`\`\``;

describe('splitReasoning', () => {
  it('removes closed blocks and keeps their text as reasoning', () => {
    const split = splitReasoning('<think>\nadd 2 and 2\n</think>\n\nThe answer is 4.');
    expect(split).toEqual({ answer: 'The answer is 4.', reasoning: ['add 2 and 2'] });
  });

  it('treats text before a lone closing tag as reasoning (template opened the block)', () => {
    expect(splitReasoning('first I weigh it</think>Yes.')).toEqual({
      answer: 'Yes.',
      reasoning: ['first I weigh it'],
    });
  });

  it('treats an unclosed block as reasoning cut off, and empty blocks as nothing', () => {
    expect(splitReasoning('Partial <thinking>still going').answer).toBe('Partial');
    expect(splitReasoning('<think></think>\n42')).toEqual({ answer: '42', reasoning: [] });
  });

  it('leaves text without reasoning byte for byte', () => {
    const text = '  spaced answer\n';
    expect(splitReasoning(text)).toEqual({ answer: text, reasoning: [] });
  });
});

describe('readAnswerObjects and parseAnswer', () => {
  it('reads the asked-for fenced json block with no leniency, prose after it included', () => {
    const parsed = parseAnswer(
      `Sure.\n${fence('json', '{"score": 1, "feedback": "ok"}')}\nHope this helps!`,
      judge,
    );
    expect(parsed).toEqual({ ok: true, value: { score: 1, feedback: 'ok' }, leniencies: [] });
  });

  it.each([
    ['```JSON fence', fence('JSON', '{"score": 0.5, "feedback": "half"}'), ['fence labelled JSON']],
    ['unlabelled fence', fence('', '{"score": 0.5, "feedback": "half"}'), ['unlabelled fence']],
    ['bare JSON in prose', 'My verdict: {"score": 0.5, "feedback": "half"} — done.', ['unfenced JSON']],
    ['trailing commas', fence('json', '{"score": 0.5, "feedback": "half",}'), ['trailing commas removed']],
    [
      'smart quotes',
      '{\u201Cscore\u201D: 0.5, \u201Cfeedback\u201D: \u201Chalf\u201D}',
      ['smart quotes replaced'],
    ],
    [
      'a think block first',
      `<think>Is it {"score": 1}? No.</think>\n${fence('json', '{"score": 0.5, "feedback": "half"}')}`,
      ['reasoning removed'],
    ],
  ])('reads %s leniently and says how', (_name, text, leniencies) => {
    expect(parseAnswer(text, judge)).toEqual({
      ok: true,
      value: { score: 0.5, feedback: 'half' },
      leniencies,
    });
  });

  it('prefers the last object that matches the schema over an echoed request', () => {
    const text = `You asked: ${fence('json', '{"task": "judge"}')}\nAnswer: {"score": 0, "feedback": "wrong"}\n(see {"note": 1})`;
    expect(parseAnswer(text, judge)).toMatchObject({ ok: true, value: { score: 0, feedback: 'wrong' } });
  });

  it('keeps braces and commas inside strings intact', () => {
    const text = '{"score": 1, "feedback": "use {braces}, and \\"quotes\\",]"}';
    expect(parseAnswer(text, judge)).toMatchObject({
      ok: true,
      value: { feedback: 'use {braces}, and "quotes",]' },
    });
    expect(removeTrailingCommas('{"a": "x,}", "b": [1,2,],}')).toBe('{"a": "x,}", "b": [1,2]}');
  });

  it.each([
    ['', 'the answer is empty'],
    ['I cannot help with that.', 'no fenced ```json block'],
    ['{"score": 1, "feedback": "cut o', 'incomplete'],
    [fence('json', '{score: 1}'), 'not a valid JSON object'],
    [fence('json', '{"score": 2, "feedback": "x"}'), 'at score'],
  ])('explains why %j cannot be read', (text, reason) => {
    const parsed = parseAnswer(text, judge);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(reason);
  });

  it('offers fenced candidates before bare ones, last first', () => {
    const found = readAnswerObjects(`{"a": 1}\n${fence('json', '{"b": 2}')}\n{"c": 3}`);
    expect(found.ok && found.candidates.map((c) => c.value)).toEqual([{ b: 2 }, { c: 3 }, { a: 1 }]);
  });
});

describe('answer formats', () => {
  it('checks an answer for the call record', () => {
    expect(checkAnswer(fence('json', '{"score": 1, "feedback": "ok"}'), judge)).toEqual({
      reading: 'direct',
    });
    // One JSON object and nothing else is what structured outputs return: read as asked.
    expect(checkAnswer(' {"score": 1, "feedback": "ok"}\n', judge)).toEqual({ reading: 'direct' });
    expect(checkAnswer('Verdict: {"score": 1, "feedback": "ok"}', judge)).toEqual({
      reading: 'lenient',
      leniencies: ['unfenced JSON'],
    });
    expect(checkAnswer('no', judge).reading).toBe('unreadable');
  });

  it("sends zod's JSON Schema without $schema or propertyNames, strict only when it can be", () => {
    const invert = answerFormatOf('gtbp.invert', gtbpInvertAnswerSchema);
    expect(invert.name).toBe('gtbp_invert');
    expect(invert.schema).toMatchObject({ type: 'object', required: ['targets'] });
    expect(JSON.stringify(invert.schema)).not.toMatch(/\$schema|propertyNames/);
    expect(invert.strict).toBe(false);
    const strict = z.object({ a: z.string(), b: z.array(z.object({ c: z.number() }).strict()) }).strict();
    expect(isStrictSchema(answerFormatOf('t', strict).schema)).toBe(true);
    expect(answerFormatOf('t', strict).strict).toBe(true);
  });
});
