import { describe, expect, it } from 'vitest';
import { mappingStartFor } from './inspect';

describe('mappingStartFor', () => {
  it('maps the fields the workflow reads by name, in the workflow’s order, with the conventional target and id', () => {
    const columns = ['qid', 'context', 'question', 'notes', 'answer'];
    expect(mappingStartFor(columns, ['question', 'context'])).toEqual({
      inputColumns: ['question', 'context'],
      targetColumn: 'answer',
      idColumn: 'qid',
    });
  });

  it('leaves out fields the file lacks, and names match exactly (a column "Question" is not "question")', () => {
    expect(mappingStartFor(['Question', 'label'], ['question', 'label'])).toEqual({
      inputColumns: ['label'],
      targetColumn: 'label',
    });
    expect(mappingStartFor(['a', 'b'], [])).toEqual({ inputColumns: [] });
  });

  it('takes the first column named like a target, in the file’s order, any case', () => {
    expect(mappingStartFor(['Gold', 'answer', 'x'], ['x']).targetColumn).toBe('Gold');
    expect(mappingStartFor(['x', 'EXPECTED'], ['x']).targetColumn).toBe('EXPECTED');
  });
});
