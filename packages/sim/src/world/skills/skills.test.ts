import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applySkills, parseSkills } from '../parse';
import { SKILLS, skillById } from './catalogue';

const run = (prompt: string, text: string) => applySkills(parseSkills(prompt), text);

describe('skill catalogue', () => {
  it('has at least 15 skills with unique ids', () => {
    expect(SKILLS.length).toBeGreaterThanOrEqual(15);
    expect(new Set(SKILLS.map((s) => s.id)).size).toBe(SKILLS.length);
  });

  it.each(SKILLS.map((s) => [s.id, s] as const))(
    '%s: every listed phrasing reads back as that skill',
    (_, skill) => {
      const params = skill.exampleParams ?? {};
      const phrasings = skill.phrasings(params);
      expect(phrasings.length).toBeGreaterThanOrEqual(2);
      for (const phrasing of phrasings) {
        for (const variant of [`${phrasing}.`, phrasing.toUpperCase(), `  ${phrasing.toLowerCase()}!`]) {
          const steps = parseSkills(variant);
          expect(steps.map((s) => s.skill)).toEqual([skill.id]);
          // Upper-casing a prompt also upper-cases a quoted literal; compare literals case-blind.
          expect(steps[0]?.params.n).toBe(params.n);
          expect(steps[0]?.params.text?.toLowerCase()).toBe(params.text?.toLowerCase());
        }
      }
    },
  );
});

describe('docs/simulator.md', () => {
  it('lists every skill with its canonical phrasing', () => {
    const doc = readFileSync(
      join(import.meta.dirname, '..', '..', '..', '..', '..', 'docs', 'simulator.md'),
      'utf8',
    );
    for (const skill of SKILLS) {
      expect(doc).toContain(`\`${skill.id}\``);
      expect(doc).toContain(skill.phrasings(skill.exampleParams ?? {})[0]?.replaceAll('|', '\\|'));
    }
  });
});

describe('skill transforms', () => {
  it.each([
    ['Extract every number.', 'Paid 12.50 for lunch and 3 for coffee', '12.50 3'],
    ['Add the numbers up.', 'a 0.1 b 0.2', '0.3'],
    ['Multiply them.', '4 boxes of 12', '48'],
    ['Subtract the rest from the first number.', 'High: 30\nLow: 7.25', '22.75'],
    ['Take the maximum.', '3, 17.5 and -4', '17.5'],
    ['Take the minimum.', '3, 17.5 and -4', '-4'],
    ['Compute the average.', '1 2 3 6', '3'],
    ['Round to 2 decimals.', 'x 3.14159 y 2', 'x 3.14 y 2.00'],
    ['Round to the nearest whole number.', '2.5 and 7.4', '3 and 7'],
    ['Answer with only the number.', 'The total is 42 apples', '42'],
    ['Convert celsius to fahrenheit.', '100 and -40', '212 and -40'],
    ['Double each number.', '1.5 and 4', '3 and 8'],
    ['Multiply each number by 3.', '2 and 5', '6 and 15'],
    ['Add 10 to each number.', '2 and 5', '12 and 15'],
    ['Convert to upper case.', 'Hello World', 'HELLO WORLD'],
    ['Convert to lower case.', 'Hello World', 'hello world'],
    ['Capitalise the first letter.', 'paris is big', 'Paris is big'],
    ['Sort the words alphabetically.', 'pear Apple fig', 'Apple fig pear'],
    ['Count the words.', 'one two  three', '3'],
    ['Reverse the order of the words.', 'a b c', 'c b a'],
    ['Remove duplicate words.', 'a B b a c', 'a B c'],
    ['Remove the punctuation.', 'Hi, there! It costs 2.50; ok?', 'Hi there It costs 2.50 ok'],
    ['Keep only the first sentence.', 'It was good. Then it was bad.', 'It was good.'],
    ['Keep only the first 2 words.', 'one two three', 'one two'],
    ['Classify the sentiment as positive or negative.', 'The food was great and fresh', 'positive'],
    ['Classify the sentiment as positive or negative.', 'slow and rude, but nice', 'negative'],
    ["Prefix the answer with 'Total:'.", '12', 'Total: 12'],
    ["End the answer with 'degrees'.", '72', '72 degrees'],
    ["Join the lines with ' | '.", 'ADA\nParis\n\n4', 'ADA | Paris | 4'],
  ])('%s', (prompt, input, expected) => {
    expect(run(prompt, input)).toBe(expected);
  });

  it('applies skills in the order written', () => {
    const text = 'b a c';
    expect(run('Sort the words alphabetically. Keep only the first 2 words.', text)).toBe('a b');
    expect(run('Keep only the first 2 words. Sort the words alphabetically.', text)).toBe('a b');
    expect(run('Reverse the words. Keep only the first 2 words.', text)).toBe('c a');
    expect(run('Keep only the first 2 words. Reverse the words.', text)).toBe('a b');
  });

  it('reads parameters and tolerates punctuation and case', () => {
    expect(parseSkills('ROUND the result to three decimal places!!')[0]?.params).toEqual({ n: 3 });
    expect(parseSkills('please, add the numbers -- up')[0]?.skill).toBe('sum');
    expect(parseSkills('Start the answer with the label "Result:"')[0]?.params).toEqual({ text: 'Result:' });
    expect(parseSkills("Combine the inputs using the separator ' / '")[0]?.params).toEqual({ text: ' / ' });
  });

  it('ignores negated instructions and prefers the longest overlapping match', () => {
    expect(parseSkills('Do not convert to upper case. Count the words.').map((s) => s.skill)).toEqual([
      'count_words',
    ]);
    expect(parseSkills('Multiply each number by 3.').map((s) => s.skill)).toEqual(['scale']);
  });

  it('passes text without numbers through the numeric reducers', () => {
    expect(skillById('sum').apply('no numbers here', {})).toBe('no numbers here');
  });
});
