import { readFileSync } from 'node:fs';
import { extractFinalNumber } from './numbers';
import { numericLoss } from './numeric';
import { datasetUrl, parseGsm8k } from './test-support/datasets';

const readGsm8k = () => parseGsm8k(readFileSync(datasetUrl('gsm8k/test-200.jsonl'), 'utf8'));

/** The upstream GSM8K rule (grade_school_math/dataset.py: extract_answer). */
const upstreamAnswer = (answer: string) => Number(/#### (-?[0-9.,]+)/.exec(answer)![1]!.replaceAll(',', ''));

describe('extractFinalNumber', () => {
  const gsm8k = readGsm8k();

  it('reads every real GSM8K answer exactly as the upstream grader does', () => {
    expect(gsm8k).toHaveLength(200);
    for (const row of gsm8k) {
      expect(extractFinalNumber(row.answer)?.value, row.answer).toBe(upstreamAnswer(row.answer));
    }
  });

  it('handles the thousands separator in test row 146 (#### 2,125)', () => {
    const row = gsm8k[146]!;
    expect(row.answer).toMatch(/#### 2,125$/);
    expect(extractFinalNumber(row.answer)).toMatchObject({ value: 2125, source: 'marker' });
  });

  it.each([
    ['The answer is 42.', 42, 'answer'],
    ['So the answer is 42. Check: 40 + 2 = 42, and 6 * 7 = 42 too; earlier I had 41.', 42, 'answer'],
    ['The answer is 42. (I computed 40 + 2.)', 42, 'answer'],
    ['Answer: $1,200.50', 1200.5, 'answer'],
    ['the final answer is **-7**', -7, 'answer'],
    ['The temperature drops to −12 degrees', -12, 'last'],
    ['10-3 = 7', 7, 'last'],
    ['We get 10-3', 3, 'last'],
    ['Total: 1,234,567 people', 1234567, 'last'],
    ['It costs .5 dollars', 0.5, 'last'],
    ['Profit = 200,000 - 130,000 = $70,000.', 70000, 'last'],
    ['\\boxed{18} so she makes 18 dollars per 1 day', 18, 'boxed'],
    ['Step 1: 3 apples. Step 2: 4 pears. #### 7\nDone in 2 steps.', 7, 'marker'],
    ['She is 25 years old.', 25, 'last'],
    ['version x2 of 3.', 3, 'last'],
    ['The answer is 3/4 of a cup', 0.75, 'answer'],
    ['She ate -1/2 of it', -0.5, 'last'],
    ['18/2 = 9', 9, 'last'],
    ['Born 12/14/1937', 12, 'last'],
    ['a 50% rise', 50, 'last'],
  ])('%s -> %d (%s)', (text, value, source) => {
    expect(extractFinalNumber(text)).toMatchObject({ value, source });
  });

  it('finds nothing in text without numbers', () => {
    expect(extractFinalNumber('I do not know.')).toBeUndefined();
    expect(extractFinalNumber('item x2 and b4')).toBeUndefined();
  });
});

describe('numericLoss', () => {
  const gsm8k = readGsm8k();

  it('scores the reference solutions of GSM8K as correct against their normalised targets', () => {
    for (const row of gsm8k) {
      const target = String(upstreamAnswer(row.answer));
      expect(numericLoss(row.answer, target, 1e-6).score, row.answer).toBe(1);
      // The raw answer works as a target too: its "#### N" marker is read.
      expect(numericLoss(`So the answer is ${target}.`, row.answer, 1e-6).score).toBe(1);
    }
  });

  it('scores an off-by-one solution 0 with feedback naming both numbers', () => {
    const row = gsm8k[0]!; // Janet's ducks: #### 18
    const wrong = row.answer.replace('#### 18', '#### 19');
    expect(numericLoss(wrong, '18', 1e-6)).toEqual({
      score: 0,
      passed: false,
      feedback: 'expected 18, got 19 (from "#### 19")',
    });
    expect(numericLoss('I think it is 17 or so, maybe 41', '42', 0).feedback).toBe(
      'expected 42, got 41 (the last number in the output)',
    );
  });

  it('applies the tolerance', () => {
    expect(numericLoss('The answer is 3.14159', '3.14', 0.01).score).toBe(1);
    expect(numericLoss('The answer is 3.16', '3.14', 0.01).score).toBe(0);
    expect(numericLoss('0.30000000000000004', '0.3', 1e-6).score).toBe(1);
    expect(numericLoss('The answer is 1/3', '0.333333', 1e-6).score).toBe(1);
  });

  it('says when the output has no number, and records an unusable target as an error', () => {
    expect(numericLoss('I cannot solve this.', '42', 0)).toMatchObject({
      score: 0,
      feedback: 'expected 42, but the output contains no number: "I cannot solve this."',
    });
    const bad = numericLoss('42', 'forty-two', 0);
    expect(bad.score).toBe(0);
    expect(bad.error).toContain('contains no number');
  });
});
