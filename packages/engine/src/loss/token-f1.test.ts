import { evaluateLoss } from './evaluate';
import {
  answerExactLoss,
  answerExactMatch,
  answerPart,
  answerTokenF1,
  normalizeAnswer,
  tokenF1Loss,
} from './token-f1';

describe('normalizeAnswer (official order: lower, punctuation, articles, whitespace)', () => {
  it('lower-cases, drops ASCII punctuation and the articles, collapses whitespace', () => {
    expect(normalizeAnswer('  The  Eiffel-Tower, in PARIS! ')).toBe('eiffeltower in paris');
    expect(normalizeAnswer('An apple a day')).toBe('apple day');
  });

  it('removes punctuation before articles, so "the." is an article but "theatre" is not', () => {
    expect(normalizeAnswer('the. theatre; anA')).toBe('theatre ana');
  });

  it('keeps non-ASCII punctuation, as Python string.punctuation does', () => {
    expect(normalizeAnswer('«Ça va?» — oui')).toBe('«ça va» — oui');
  });
});

describe('token F1 and exact match', () => {
  it('scores partial overlap by precision and recall over the token multiset', () => {
    // gold: "president richard nixon" (3), pred: "richard nixon nixon" (3): overlap 2.
    expect(answerTokenF1('Richard Nixon Nixon', 'President Richard Nixon')).toBeCloseTo(2 / 3, 10);
    // gold normalises to 6 tokens ("the" goes), pred has 3, all shared: P 1, R 0.5.
    expect(answerTokenF1('Chief of Protocol', 'Chief of Protocol of the United States')).toBeCloseTo(
      2 / 3,
      10,
    );
  });

  it('gives yes/no/noanswer no partial credit', () => {
    expect(answerTokenF1('yes', 'no')).toBe(0);
    expect(answerTokenF1('no it is not', 'no')).toBe(0);
    expect(answerTokenF1('Yes.', 'yes')).toBe(1);
  });

  it('exact match compares normalised strings', () => {
    expect(answerExactMatch('The Beatles!', 'beatles')).toBe(1);
    expect(answerExactMatch('Beatles band', 'beatles')).toBe(0);
  });

  it('reads the answer after the last "Answer:" line, else the whole output', () => {
    expect(answerPart("Hop 1: X was born in Y.\nAnswer: first\nAnswer: **Arthur's Magazine**")).toBe(
      "Arthur's Magazine",
    );
    expect(answerPart(' just this ')).toBe('just this');
  });

  it('losses carry the score and say why it is not 1', () => {
    const partial = tokenF1Loss('Reasoning.\nAnswer: Richard Nixon', 'President Richard Nixon');
    expect(partial.score).toBeCloseTo(0.8, 10);
    expect(partial.passed).toBe(false);
    expect(partial.feedback).toContain('token F1 0.800');
    expect(tokenF1Loss('Answer: the Nixon', 'Nixon')).toMatchObject({ score: 1, passed: true });
    expect(answerExactLoss('Answer: Richard Nixon', 'President Richard Nixon')).toMatchObject({ score: 0 });
    expect(tokenF1Loss('x', ' the ').error).toContain('empty');
  });

  it('is reachable from a workflow loss spec', async () => {
    const example = { id: 'e', inputs: {}, target: 'Delhi' };
    const ctx = {} as Parameters<typeof evaluateLoss>[0];
    expect(
      (await evaluateLoss(ctx, { kind: 'f1' }, { output: 'Answer: New Delhi', target: 'Delhi', example }))
        .score,
    ).toBeCloseTo(2 / 3, 10);
    expect(
      (await evaluateLoss(ctx, { kind: 'em' }, { output: 'Answer: delhi.', target: 'Delhi', example })).score,
    ).toBe(1);
  });
});
