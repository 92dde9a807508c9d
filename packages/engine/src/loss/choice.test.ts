import { readFileSync } from 'node:fs';
import { choiceLabels, choiceLoss, findCommittedLabel } from './choice';
import { datasetUrl, parseBbh, parseBbhCotAnswers } from './test-support/datasets';

const readBbh = (task: string) => parseBbh(readFileSync(datasetUrl(`bbh/${task}.json`), 'utf8'));
const readBbhCotAnswers = (task: string) =>
  parseBbhCotAnswers(readFileSync(datasetUrl(`bbh/cot-prompts/${task}.txt`), 'utf8'));

const letters = choiceLabels([], '(A)');

describe('findCommittedLabel', () => {
  it('reads the committed option of the real BBH chain-of-thought answers', () => {
    const answers = readBbhCotAnswers('date_understanding');
    expect(answers).toHaveLength(3);
    expect(answers.map((a) => findCommittedLabel(a, letters))).toEqual(['(D)', '(B)', '(B)']);
  });

  it.each([
    ['So the answer is (B).', '(B)'],
    ['The answer is B.', '(B)'],
    ['Answer: (c)', '(C)'],
    ['(E)', '(E)'],
    ['E', '(E)'],
    ['**(F)**', '(F)'],
    ['Options (A) and (C) are wrong; (D) fits best.', '(D)'],
    ['The answer is (A), not (C) as one might think.', '(A)'],
    ['(A) is tempting. However the answer is clearly (C)', '(C)'],
    ['I pick option A.', '(A)'],
    ['The answer is (C); option (A) is wrong.', '(C)'],
    ['I pick A.', undefined],
    ['The answer is B)', '(B)'],
    ['Which answer is right? Options: (A) 1 (B) 2. It must be (B)', '(B)'],
  ])('%s -> %s', (output, label) => {
    expect(findCommittedLabel(output, letters)).toBe(label);
  });

  it('matches word labels whole, case-insensitively, never inside a hyphenated label', () => {
    const liar = ['pants-fire', 'false', 'barely-true', 'half-true', 'mostly-true', 'true'];
    expect(findCommittedLabel('This claim is half-true.', liar)).toBe('half-true');
    expect(findCommittedLabel('Not entirely TRUE: the answer is mostly-true', liar)).toBe('mostly-true');
    expect(findCommittedLabel('True.', liar)).toBe('true');
    expect(findCommittedLabel('Yes, so the answer is no.', ['Yes', 'No'])).toBe('No');
    expect(findCommittedLabel('yesterday it rained', ['Yes', 'No'])).toBeUndefined();
  });
});

describe('choiceLoss', () => {
  it('scores every BBH date_understanding target: a CoT answer that echoes all options, a bare label, a wrong option', () => {
    const examples = readBbh('date_understanding');
    expect(examples).toHaveLength(250);
    for (const { input, target } of examples) {
      const cot = `Let's think step by step.\n${input}\nSo the answer is ${target}.`;
      expect(choiceLoss(cot, target, []).score, cot).toBe(1);
      expect(choiceLoss(target, target, ['(A)', '(B)', '(C)', '(D)', '(E)', '(F)']).score).toBe(1);
      const wrong = target === '(A)' ? '(B)' : '(A)';
      expect(choiceLoss(`So the answer is ${wrong}.`, target, [])).toEqual({
        score: 0,
        passed: false,
        feedback: `expected ${target}, but the output commits to ${wrong}`,
      });
    }
  });

  it('infers Yes/No labels from the target when the spec lists none', () => {
    for (const { target } of readBbh('navigate')) {
      expect(['Yes', 'No']).toContain(target);
      expect(choiceLoss(`Let's think. ... So the answer is ${target}.`, target, []).score).toBe(1);
      const other = target === 'Yes' ? 'No' : 'Yes';
      expect(choiceLoss(`So the answer is ${other}.`, target, []).feedback).toBe(
        `expected ${target}, but the output commits to ${other}`,
      );
    }
  });

  it('is not fooled by an echoed question that says "answer" (BBH causal_judgement)', () => {
    const examples = readBbh('causal_judgement');
    for (const { input, target } of examples.slice(0, 40)) {
      expect(input).toMatch(/answer each of the following questions/);
      const other = target === 'Yes' ? 'No' : 'Yes';
      expect(
        choiceLoss(`${input}\nLet's think step by step. So the answer is ${target}.`, target, []).score,
      ).toBe(1);
      expect(choiceLoss(`${input}\nA typical person would say: ${target}`, target, ['Yes', 'No']).score).toBe(
        1,
      );
      expect(choiceLoss(`${input}\nA typical person would say: ${other}`, target, ['Yes', 'No']).score).toBe(
        0,
      );
    }
  });

  it('explains an answer that commits to nothing', () => {
    expect(choiceLoss('I am not sure.', '(B)', []).feedback).toBe(
      'expected (B), but the output does not commit to an option label such as (A): "I am not sure."',
    );
    expect(choiceLoss('Maybe.', 'Yes', ['Yes', 'No']).feedback).toBe(
      'expected Yes, but the output does not commit to one of Yes, No: "Maybe."',
    );
  });
});
