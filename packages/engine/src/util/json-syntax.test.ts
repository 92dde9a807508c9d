import { jsonSyntaxErrorOffset, lineAndColumn } from './json-syntax';

describe('jsonSyntaxErrorOffset', () => {
  it('accepts everything JSON.parse accepts', () => {
    for (const text of [
      '1',
      ' "a\\u00e9\\n" ',
      '[]',
      '{}',
      '[1, -2.5e3, true, false, null, {"a": [{}]}]',
      '{"a":{"b":"c"}}',
    ]) {
      expect(JSON.parse(text)).toBeDefined();
      expect(jsonSyntaxErrorOffset(text)).toBeUndefined();
    }
  });

  it('points at the first offending character', () => {
    const cases: [string, number][] = [
      ['[\n{"a": 1},\n{"a": }\n]', 18],
      ['{"a": 1,}', 8],
      ['{"a" 1}', 5],
      ['[1 2]', 3],
      ['{"a": tru}', 6],
      ['{"a": "x', 8],
      ['[01]', 2],
      ['{} x', 3],
      ['', 0],
      ['"\\q"', 1],
    ];
    for (const [text, offset] of cases) {
      expect(() => JSON.parse(text)).toThrow();
      expect([text, jsonSyntaxErrorOffset(text)]).toEqual([text, offset]);
    }
  });

  it('survives deep nesting', () => {
    expect(jsonSyntaxErrorOffset('['.repeat(100_000))).toBe(100_000);
  });
});

describe('lineAndColumn', () => {
  it('counts lines across any line ending', () => {
    expect(lineAndColumn('ab\r\ncd\ref\ngh', 11)).toEqual({ line: 4, column: 2 });
    expect(lineAndColumn('abc', 0)).toEqual({ line: 1, column: 1 });
  });
});
