import { buildDataset, DatasetMappingError } from './build';
import { extractGsm8kAnswer } from './gsm8k';
import { inspectDatasetText } from './inspect';

describe('buildDataset', () => {
  const csv = [
    'id,question,answer,split,alt',
    'a,What is 1+1?,2,train,two',
    'b,Blank target?, ,test,x',
    'c,Repeat id?,3,val,y',
    'a,Duplicate of a,4,train,z',
    ',No id,5,train,w',
    'd,Odd split,6,holdout,v',
    'e,Dev split,7,Dev,u',
  ].join('\n');

  it('maps columns to fields and reports every rejected row with its line and reason', () => {
    const { dataset, rowErrors } = buildDataset(
      csv,
      { idColumn: 'id', inputColumns: { q: 'question' }, targetColumn: 'answer', splitColumn: 'split' },
      { format: 'csv', name: 'tiny', fileName: 'tiny.csv' },
    );
    expect(dataset).toMatchObject({
      id: 'tiny',
      name: 'tiny',
      fields: ['q'],
      source: { fileName: 'tiny.csv', format: 'csv' },
    });
    expect(dataset.examples).toEqual([
      { id: 'a', inputs: { q: 'What is 1+1?' }, target: '2', split: 'train' },
      { id: 'c', inputs: { q: 'Repeat id?' }, target: '3', split: 'val' },
      { id: 'e', inputs: { q: 'Dev split' }, target: '7', split: 'val' },
    ]);
    expect(rowErrors.map((e) => [e.line, e.code, e.column])).toEqual([
      [3, 'empty_target', 'answer'],
      [5, 'duplicate_id', 'id'],
      [6, 'empty_id', 'id'],
      [7, 'invalid_split', 'split'],
    ]);
    expect(rowErrors[1]!.message).toBe('Line 5 repeats id "a" from line 2; ids must be unique.');
  });

  it('reads extra targets for several outputs and generates stable ids without an id column', () => {
    const { dataset } = buildDataset(csv, {
      inputColumns: { q: 'question' },
      targetColumn: 'answer',
      targetColumns: { alt: 'alt' },
    });
    expect(dataset.examples[0]).toEqual({
      id: 'row-0',
      inputs: { q: 'What is 1+1?' },
      target: '2',
      targets: { alt: 'two' },
    });
    // Row 1 (blank target) is rejected, but ids keep the record's position in the file.
    expect(dataset.examples[1]!.id).toBe('row-2');
  });

  it('reports JSON rows that lack a mapped key', () => {
    const text = '{"q": "a", "t": "1"}\n{"q": "b"}\n{"t": "3"}\n{"q": "d", "t": ""}\n';
    const { dataset, rowErrors } = buildDataset(
      text,
      { inputColumns: { q: 'q' }, targetColumn: 't' },
      { format: 'jsonl' },
    );
    expect(dataset.examples).toHaveLength(1);
    expect(rowErrors.map((e) => [e.line, e.code, e.column])).toEqual([
      [2, 'missing_column', 't'],
      [3, 'missing_column', 'q'],
      [4, 'empty_target', 't'],
    ]);
  });

  it('turns JSON numbers and objects into text', () => {
    const { dataset } = buildDataset('[{"q": {"a": 1}, "t": 42}]', {
      inputColumns: { q: 'q' },
      targetColumn: 't',
    });
    expect(dataset.examples[0]).toMatchObject({ inputs: { q: '{"a":1}' }, target: '42' });
  });

  it('keeps parse errors alongside mapping errors, sorted by line', () => {
    const text = '{"q": "a", "t": "1"}\nnot json\n{"q": "c", "t": " "}\n';
    const { rowErrors } = buildDataset(
      text,
      { inputColumns: { q: 'q' }, targetColumn: 't' },
      { format: 'jsonl' },
    );
    expect(rowErrors.map((e) => [e.line, e.code])).toEqual([
      [2, 'invalid_json'],
      [3, 'empty_target'],
    ]);
  });

  it('rejects a mapping naming a column the file does not have', () => {
    expect(() => buildDataset(csv, { inputColumns: { q: 'prompt' }, targetColumn: 'answer' })).toThrow(
      DatasetMappingError,
    );
    expect(() => buildDataset(csv, { inputColumns: { q: 'prompt' }, targetColumn: 'answer' })).toThrow(
      'The file has no column "prompt"',
    );
    expect(() => buildDataset(csv, { inputColumns: {}, targetColumn: 'answer' })).toThrow(
      DatasetMappingError,
    );
  });

  it('reports a GSM8K-style target without a final answer', () => {
    const text =
      '{"question": "q", "answer": "no final line"}\n{"question": "q2", "answer": "x\\n#### -1,234.5"}\n';
    const { dataset, rowErrors } = buildDataset(
      text,
      {
        inputColumns: { question: 'question' },
        targetColumn: 'answer',
        targetTransform: 'gsm8k-final-answer',
      },
      { format: 'jsonl' },
    );
    expect(rowErrors.map((e) => [e.line, e.code])).toEqual([[1, 'target_transform_failed']]);
    expect(dataset.examples[0]!.target).toBe('-1234.5');
  });
});

describe('extractGsm8kAnswer', () => {
  it('takes the number after #### and drops thousands separators', () => {
    expect(extractGsm8kAnswer('work <<2*3=6>>\n#### 2,125')).toBe('2125');
    expect(extractGsm8kAnswer('#### -7')).toBe('-7');
    expect(extractGsm8kAnswer('no answer')).toBeNull();
  });
});

describe('inspectDatasetText', () => {
  it('describes a file without choosing a mapping: columns, a text preview and the row count', () => {
    const inspection = inspectDatasetText('id,question,context,answer\n1,q,c,a\n2,r,d,b\n', 'csv', {
      previewRows: 1,
    });
    expect(inspection).toEqual({
      format: 'csv',
      columns: ['id', 'question', 'context', 'answer'],
      preview: [{ id: '1', question: 'q', context: 'c', answer: 'a' }],
      rowCount: 2,
      rowErrors: [],
      hasHeader: true,
    });
  });
});
