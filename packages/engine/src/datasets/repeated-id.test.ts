import { describe, expect, it } from 'vitest';
import { firstRepeatedId, repeatedIdMessage } from './repeated-id';

const ids = (...list: string[]) => list.map((id) => ({ id }));

describe('firstRepeatedId', () => {
  it('finds the first example whose id an earlier one has, with both positions', () => {
    expect(firstRepeatedId(ids('a', 'b', 'c', 'b', 'a'))).toEqual({ index: 3, firstIndex: 1, id: 'b' });
    expect(firstRepeatedId(ids('x', 'x', 'x'))).toEqual({ index: 1, firstIndex: 0, id: 'x' });
  });

  it('passes unique ids, ids that differ only in case or spacing, and names of Object’s own members', () => {
    expect(firstRepeatedId([])).toBeUndefined();
    expect(firstRepeatedId(ids('Q1', 'q1', 'q1 ', 'constructor', '__proto__', 'toString'))).toBeUndefined();
    expect(firstRepeatedId(ids('__proto__', 'constructor', '__proto__'))).toEqual({
      index: 2,
      firstIndex: 0,
      id: '__proto__',
    });
  });

  it('says which example repeats which id, quoting ids that hold quotes or line breaks', () => {
    expect(repeatedIdMessage({ index: 4, firstIndex: 0, id: 'a' })).toBe(
      'example 5 repeats the id "a"; ids must be unique',
    );
    expect(repeatedIdMessage({ index: 1, firstIndex: 0, id: 'say "hi"\nnow' })).toBe(
      'example 2 repeats the id "say \\"hi\\"\\nnow"; ids must be unique',
    );
  });
});
