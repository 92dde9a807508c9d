import { containsLoss } from './contains';
import { exactLoss, normalizeText } from './exact';
import { regexLoss } from './regex';

const defaults = { caseSensitive: false, trim: true, collapseWhitespace: true, stripPunctuation: false };

describe('exactLoss', () => {
  it('normalises as configured', () => {
    expect(normalizeText('  Hello,\n  World! ', defaults)).toBe('hello, world!');
    expect(normalizeText('  Hello,\n  World! ', { ...defaults, stripPunctuation: true })).toBe('hello world');
    expect(
      normalizeText(' A  b ', {
        caseSensitive: true,
        trim: false,
        collapseWhitespace: false,
        stripPunctuation: false,
      }),
    ).toBe(' A  b ');
    expect(normalizeText('«Ça va?» — oui…', { ...defaults, stripPunctuation: true })).toBe('ça va oui');
  });

  it('scores a normalised match 1', () => {
    expect(exactLoss('  PARIS \n', 'paris', defaults)).toMatchObject({ score: 1, passed: true });
    expect(exactLoss('apple banana', 'apple  banana', defaults).score).toBe(1);
  });

  it('explains near misses so the backward pass knows what to fix', () => {
    expect(exactLoss('Paris', 'paris', { ...defaults, caseSensitive: true })).toEqual({
      score: 0,
      passed: false,
      feedback: 'expected "paris", got "Paris" (they differ only in letter case)',
    });
    expect(exactLoss('Paris.', 'Paris', defaults).feedback).toBe(
      'expected "Paris", got "Paris." (they differ only in punctuation)',
    );
    expect(exactLoss('The capital is Paris', 'Paris', defaults).feedback).toBe(
      'expected "Paris", got "The capital is Paris"; the expected answer appears in the output but is surrounded by other text: answer with the expected value only',
    );
    expect(exactLoss('Lyon', 'Paris', defaults).feedback).toBe('expected "Paris", got "Lyon"');
  });

  it('points at whitespace when the loss does not collapse it', () => {
    const strict = { caseSensitive: true, trim: false, collapseWhitespace: false, stripPunctuation: false };
    expect(exactLoss('New  York ', 'New York', strict).feedback).toBe(
      'expected "New York", got "New  York " (they differ only in whitespace or letter case)',
    );
  });

  it('shortens long outputs in feedback', () => {
    const long = `${'word '.repeat(200)}end`;
    const feedback = exactLoss(long, 'x', defaults).feedback!;
    expect(feedback.length).toBeLessThan(220);
    expect(feedback).toContain(' … ');
    expect(feedback).toMatch(/end"$/);
  });
});

describe('containsLoss', () => {
  it('looks for the trimmed target, with or without case', () => {
    expect(containsLoss('The answer: Mount Everest.', ' mount everest ', false).score).toBe(1);
    expect(containsLoss('The answer: Mount Everest.', 'mount everest', true)).toEqual({
      score: 0,
      passed: false,
      feedback:
        'expected the output to contain "mount everest", but it does not (it does, but in different letter case): "The answer: Mount Everest."',
    });
    expect(containsLoss('K2', 'Everest', false).score).toBe(0);
  });

  it('refuses an empty target instead of passing everything', () => {
    expect(containsLoss('anything', '  ', false)).toMatchObject({
      score: 0,
      error: expect.stringContaining('empty'),
    });
  });
});

describe('regexLoss', () => {
  it('without a group, scores whether the output matches', () => {
    expect(regexLoss('Result: 12 apples', 'ignored', String.raw`\d+ apples`, '').score).toBe(1);
    expect(regexLoss('Result: twelve apples', 'ignored', String.raw`\d+ apples`, '')).toEqual({
      score: 0,
      passed: false,
      feedback: String.raw`expected the output to match /\d+ apples/, but it does not: "Result: twelve apples"`,
    });
  });

  it("with a group, compares the last match's group to the target", () => {
    const pattern = String.raw`ANSWER:\s*(\w+)`;
    expect(regexLoss('ANSWER: cat ... wait, ANSWER: dog', 'dog', pattern, '').score).toBe(1);
    expect(regexLoss('ANSWER: cat', 'dog', pattern, '').feedback).toBe(
      String.raw`expected "dog", got "cat" (read with /ANSWER:\s*(\w+)/)`,
    );
    expect(regexLoss('answer: DOG', 'dog', pattern, 'gi').score).toBe(1);
    expect(regexLoss('no marker here', 'dog', pattern, '').feedback).toContain('no answer matching');
  });

  it('prefers a group named "answer"', () => {
    expect(regexLoss('x=1; y=2', '2', String.raw`(x)=\d; y=(?<answer>\d)`, '').score).toBe(1);
  });

  it('records an invalid pattern as an error', () => {
    const result = regexLoss('x', 'x', '(unclosed', '');
    expect(result.score).toBe(0);
    expect(result.error).toMatch(/^the loss's regular expression \/\(unclosed\/ is invalid/);
  });
});
