import { detectFormat } from './detect';
import { inspectDatasetText } from './inspect';
import { parseDatasetTable } from './parse-table';

describe('TSV', () => {
  it('splits on tabs only, keeping quotes, with a BOM and mixed line endings', () => {
    const text =
      '\uFEFFid\tstatement\tlabel\r\n1\tHe said "no" twice\ttrue\n2\t"Quoted\tfalse\r3\tend"\tmostly-true\r\n';
    const table = parseDatasetTable(text, { format: 'tsv' });
    expect(table.hasHeader).toBe(true);
    expect(table.columns).toEqual(['id', 'statement', 'label']);
    expect(table.rows.map((r) => [r.line, r.values.statement])).toEqual([
      [2, 'He said "no" twice'],
      [3, '"Quoted'],
      [4, 'end"'],
    ]);
    expect(table.rowErrors).toEqual([]);
  });

  it('reports ragged rows with their line numbers and keeps the good ones', () => {
    const text = 'a\tb\n1\t2\n\n3\n4\t5\t6\n7\t8\n';
    const table = parseDatasetTable(text, { format: 'tsv' });
    expect(table.rows.map((r) => r.line)).toEqual([2, 6]);
    expect(table.rowErrors.map((e) => [e.line, e.code])).toEqual([
      [4, 'ragged_row'],
      [5, 'ragged_row'],
    ]);
    expect(table.rowErrors[0]!.message).toBe('Line 4 has 1 tab-separated cells; the header has 2.');
  });

  it('names the columns of a header-less file, or uses given names', () => {
    const text = '11972.json\ttrue\tA statement\t30\n11685.json\tfalse\tAnother\t2\n';
    expect(parseDatasetTable(text, { format: 'tsv' }).columns).toEqual([
      'column1',
      'column2',
      'column3',
      'column4',
    ]);
    const named = parseDatasetTable(text, { format: 'tsv', columnNames: ['id', 'label', 'statement', 'n'] });
    expect(named.rows[1]!.values).toEqual({ id: '11685.json', label: 'false', statement: 'Another', n: '2' });
    expect(parseDatasetTable('x\ty\n', { format: 'tsv', hasHeader: false }).rows).toHaveLength(1);
  });
});

describe('CSV', () => {
  it('handles quoted commas, quotes and line breaks, a BOM and CRLF, with editor line numbers', () => {
    const text =
      '\uFEFFquestion,answer\r\n"Is 1,000 > 999?","yes"\r\n"She said ""hi""\r\nthen left",no\r\nplain,ok\r\n';
    const table = parseDatasetTable(text, { format: 'csv' });
    expect(table.columns).toEqual(['question', 'answer']);
    expect(table.rows.map((r) => [r.line, r.values.question, r.values.answer])).toEqual([
      [2, 'Is 1,000 > 999?', 'yes'],
      [3, 'She said "hi"\nthen left', 'no'],
      [5, 'plain', 'ok'],
    ]);
  });

  it('reports ragged rows and broken quotes by line', () => {
    const text = 'a,b\n1,2\n3,4,5\n6,7\n"8,9\n';
    const table = parseDatasetTable(text, { format: 'csv' });
    expect(table.rows.map((r) => r.line)).toEqual([2, 4]);
    expect(table.rowErrors.map((e) => [e.line, e.code])).toEqual([
      [3, 'ragged_row'],
      [5, 'csv_syntax'],
    ]);
  });

  it('parses a 100k-row file without error', () => {
    const lines = ['id,question,answer'];
    for (let i = 0; i < 100_000; i++) lines.push(`${i},"What is ${i} + 1, exactly?",${i + 1}`);
    const inspection = inspectDatasetText(lines.join('\n'), 'csv', { previewRows: 3 });
    expect(inspection.rowCount).toBe(100_000);
    expect(inspection.rowErrors).toEqual([]);
    expect(inspection.preview).toEqual([
      { id: '0', question: 'What is 0 + 1, exactly?', answer: '1' },
      { id: '1', question: 'What is 1 + 1, exactly?', answer: '2' },
      { id: '2', question: 'What is 2 + 1, exactly?', answer: '3' },
    ]);
  });

  it('suffixes duplicate header names and fills blank ones', () => {
    expect(
      parseDatasetTable('q,q,,__proto__\n1,2,3,4\n', { format: 'csv', hasHeader: true }).columns,
    ).toEqual(['q', 'q_2', 'column3', '__proto___']);
  });
});

describe('JSON Lines', () => {
  it('reports invalid JSON and non-object lines by line number, skipping blank lines', () => {
    const text =
      '{"q": "a", "t": "1"}\r\n\r\n{"q": "b", "t": 2}\n{"q": oops}\n[1, 2]\n{"q": "c", "extra": null}';
    const table = parseDatasetTable(text, { format: 'jsonl' });
    expect(table.columns).toEqual(['q', 't', 'extra']);
    expect(table.rows.map((r) => [r.line, r.index])).toEqual([
      [1, 0],
      [3, 1],
      [6, 4],
    ]);
    expect(table.rowErrors.map((e) => [e.line, e.code])).toEqual([
      [4, 'invalid_json'],
      [5, 'not_an_object'],
    ]);
    expect(table.rowErrors[0]!.message).toMatch(/^Line 4 is not valid JSON/);
  });
});

describe('JSON documents', () => {
  it('reads an array of objects and locates each element by line', () => {
    const text =
      '[\n  {"q": "a [tricky] \\"one\\", here", "t": "1"},\n  42,\n  {\n    "q": "b", "t": "2"\n  }\n]\n';
    const table = parseDatasetTable(text, { format: 'json' });
    expect(table.rows.map((r) => [r.line, r.index, r.values.q])).toEqual([
      [2, 0, 'a [tricky] "one", here'],
      [4, 2, 'b'],
    ]);
    expect(table.rowErrors).toEqual([
      { line: 3, code: 'not_an_object', message: 'Item 2 (line 3) is a number, not a JSON object.' },
    ]);
  });

  it('reads the "examples" list of an object, even after other keys holding lists', () => {
    const text =
      '{\n  "canary": "x",\n  "other": [[1], {"examples": []}],\n  "examples": [\n    {"input": "a", "target": "b"},\n    "bad"\n  ]\n}';
    const table = parseDatasetTable(text, { format: 'json' });
    expect(table.rows.map((r) => [r.line, r.values.input])).toEqual([[5, 'a']]);
    expect(table.rowErrors.map((e) => [e.line, e.code])).toEqual([[6, 'not_an_object']]);
  });

  it('reports invalid JSON and the wrong shape as file-level errors', () => {
    expect(parseDatasetTable('{"a": 1}', { format: 'json' }).rowErrors[0]!.code).toBe('wrong_shape');
    const broken = parseDatasetTable('[\n{"a": 1},\n{"a": }\n]', { format: 'json' });
    expect(broken.rowErrors).toHaveLength(1);
    expect(broken.rowErrors[0]).toMatchObject({ line: 3, code: 'invalid_json' });
    expect(broken.rowErrors[0]!.message).toMatch(/^The file is not valid JSON \(line 3, column 7\)/);
  });
});

describe('detectFormat', () => {
  it('trusts telling extensions', () => {
    expect(detectFormat('data.JSONL', '')).toBe('jsonl');
    expect(detectFormat('data.ndjson', '')).toBe('jsonl');
    expect(detectFormat('data.csv', 'a\tb')).toBe('csv');
    expect(detectFormat('data.tab', 'a,b')).toBe('tsv');
  });

  it('sniffs content otherwise, including JSON Lines saved as .json', () => {
    expect(detectFormat('x.json', '{"a": 1}\n{"a": 2}\n')).toBe('jsonl');
    expect(detectFormat('x.json', '{"examples": []}')).toBe('json');
    expect(detectFormat('paste', '\uFEFF  [{"a": 1}]')).toBe('json');
    expect(detectFormat('paste', 'a\tb,c\td\n')).toBe('tsv');
    expect(detectFormat('paste', 'a,b\n1,2\n')).toBe('csv');
  });
});
