import { lossSpecSchema } from '@backflow/engine';
import { defaultLoss, LOSS_KINDS, lossProblem } from './loss-check';

describe('loss editor checks', () => {
  it('gives every kind a default the engine accepts as it is', () => {
    for (const { kind } of LOSS_KINDS) {
      const spec = defaultLoss(kind);
      expect(lossSpecSchema.parse(spec)).toEqual(spec);
      expect(lossProblem(spec)).toBeNull();
    }
  });

  it('says why a regex does not compile, and names a bad flag', () => {
    expect(lossProblem({ kind: 'regex', pattern: 'answer: (\\d+', flags: '' })).toMatch(
      /^The pattern does not compile: .*(unterminated|missing \)).*\.$/i,
    );
    expect(lossProblem({ kind: 'regex', pattern: 'x', flags: 'iq' })).toBe(
      '"q" is not a regular expression flag (use d, g, i, m, s, u, v or y).',
    );
    expect(lossProblem({ kind: 'regex', pattern: '', flags: '' })).toBe('The pattern is empty.');
  });

  it('says why JS does not compile, and catches empty code, an empty rubric and a negative tolerance', () => {
    expect(lossProblem({ kind: 'js', code: 'return output ===' })).toMatch(/^The code does not compile: /);
    expect(lossProblem({ kind: 'js', code: '  ' })).toBe('The code is empty: return a score.');
    expect(lossProblem({ kind: 'judge', rubric: ' ', passThreshold: 1 })).toMatch(/rubric is empty/);
    expect(lossProblem({ kind: 'numeric', tolerance: -1 })).toBe('The tolerance must be 0 or more.');
  });
});
