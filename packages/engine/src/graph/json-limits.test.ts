import { parseWorkflow } from './document';
import { checkJsonLimits, exceedsDepth, JSON_LIMITS } from './json-limits';

const small = { maxChars: 1000, maxDepth: 3, maxStringChars: 10 };

describe('JSON reading limits (before parsing)', () => {
  it('passes text within every limit', () => {
    expect(checkJsonLimits('{"a": [[1]], "b": "0123456789"}', small)).toBeUndefined();
  });

  it('counts depth outside strings only, and escaped quotes do not end a string', () => {
    expect(checkJsonLimits('{"a": "[[[[[[{{{{"}', small)).toBeUndefined();
    expect(checkJsonLimits('["\\"[[[[[["]', { ...small, maxStringChars: 100 })).toBeUndefined();
    expect(checkJsonLimits('[[[[1]]]]', small)?.limit).toBe('maxDepth');
    // An even run of backslashes escapes itself: the quote after it does end the string.
    expect(checkJsonLimits('["a\\\\", [[[1]]]]', small)?.limit).toBe('maxDepth');
    expect(checkJsonLimits('["a\\\\", [[1]]]', small)).toBeUndefined();
  });

  it('names the limit exceeded: size, depth or one string', () => {
    expect(checkJsonLimits('x'.repeat(1001), small)?.limit).toBe('maxChars');
    expect(checkJsonLimits('{"a": "01234567890"}', small)?.message).toContain('11 characters');
    // An unterminated string is measured to the end of the text.
    expect(checkJsonLimits('"012345678901', small)?.limit).toBe('maxStringChars');
  });

  it('refuses a document nested 100,000 levels deep as too_large, not a hang', () => {
    const deep = `{"format":"backflow.workflow","version":1,"x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const result = parseWorkflow(deep);
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => p.code)).toEqual(['too_large']);
    expect(result.problems[0]?.message).toContain(`deeper than ${JSON_LIMITS.maxDepth.toLocaleString('en')}`);
  });

  it('checks the depth of an already-parsed value too (a document unwrapped from a bundle)', () => {
    let value: unknown = 1;
    for (let i = 0; i < 5000; i++) value = [value];
    expect(exceedsDepth(value)).toBe(true);
    expect(exceedsDepth([[{ a: [1] }]])).toBe(false);
    const result = parseWorkflow({ format: 'backflow.workflow', version: 1, x: value });
    expect(result.problems.map((p) => p.code)).toEqual(['too_large']);
  });

  it('finds a forbidden key 999 levels deep and names its path', () => {
    const value: unknown = JSON.parse(`${'['.repeat(998)}{"__proto__": 1}${']'.repeat(998)}`);
    const result = parseWorkflow({ format: 'backflow.workflow', version: 1, x: value });
    expect(result.problems[0]?.code).toBe('forbidden_key');
    expect(result.problems[0]?.path).toBe(`x${'[0]'.repeat(998)}.__proto__`);
  });
});
