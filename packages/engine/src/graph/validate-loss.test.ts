import { readFileSync } from 'node:fs';
import { checkWorkflow } from './check';

const chainText = readFileSync(new URL('./fixtures/valid/chain.json', import.meta.url), 'utf8');
/** The chain fixture with this loss. */
const withLoss = (loss: Record<string, unknown>) => ({ ...JSON.parse(chainText), loss });
const errorsOf = (loss: Record<string, unknown>) =>
  checkWorkflow(withLoss(loss))
    .problems.filter((p) => p.severity === 'error')
    .map((p) => [p.code, p.field, p.message]);

describe('loss checks (compiled, never run)', () => {
  it('accepts a regex loss that compiles, with any valid flags', () => {
    expect(errorsOf({ kind: 'regex', pattern: '(?<answer>\\d+)$', flags: 'gimsuy' })).toEqual([]);
    expect(errorsOf({ kind: 'regex', pattern: '[a-z]+' })).toEqual([]);
  });

  it('names an invalid pattern at loss.pattern with the engine message', () => {
    const [problem] = errorsOf({ kind: 'regex', pattern: '(unclosed', flags: '' });
    expect(problem?.[0]).toBe('invalid_value');
    expect(problem?.[1]).toBe('loss.pattern');
    expect(problem?.[2]).toMatch(/^The regex loss's pattern does not compile: .*\(unclosed/);
  });

  it('names invalid or repeated flags at loss.flags', () => {
    for (const flags of ['x', 'gg', 'uv']) {
      const [problem] = errorsOf({ kind: 'regex', pattern: 'a', flags });
      expect(problem?.slice(0, 2)).toEqual(['invalid_value', 'loss.flags']);
      expect(problem?.[2]).toContain(`"${flags}"`);
    }
  });

  it('reports a js loss that does not compile as code_syntax_error at loss.code', () => {
    const [problem] = errorsOf({ kind: 'js', code: 'return output ===;' });
    expect(problem?.slice(0, 2)).toEqual(['code_syntax_error', 'loss.code']);
    expect(problem?.[2]).toContain('function (output, target, example)');
  });

  it('compiles without running: a js loss that would throw or loop forever is accepted', () => {
    expect(errorsOf({ kind: 'js', code: 'throw new Error("boom")' })).toEqual([]);
    expect(errorsOf({ kind: 'js', code: 'while (true) {}' })).toEqual([]);
    expect(errorsOf({ kind: 'js', code: 'return output.trim() === target.trim() ? 1 : 0;' })).toEqual([]);
  });
});
