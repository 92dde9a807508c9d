import { describe, expect, it } from 'vitest';
import { inputFieldsOf } from './input-fields';
import type { Example } from './types';

describe('inputFieldsOf', () => {
  it('lists each input field once, in order of first appearance across the examples', () => {
    const examples: Example[] = [
      { id: 'a', inputs: { question: 'q', context: 'c' }, target: 't' },
      { id: 'b', inputs: { hint: 'h', question: 'q2' }, target: 't' },
      { id: 'c', inputs: {}, target: 't' },
    ];
    expect(inputFieldsOf(examples)).toEqual(['question', 'context', 'hint']);
    expect(inputFieldsOf([])).toEqual([]);
  });
});
