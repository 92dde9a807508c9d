/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildDataset, detectFormat, guessMapping, inspectDatasetText, splitDataset } from './datasets';

const shared = (p: string) => fileURLToPath(new URL(`../../../../../shared/datasets/${p}`, import.meta.url));

describe('dataset adapter', () => {
  it('reads GSM8K JSONL, guesses the mapping and extracts the #### answer', () => {
    const text = readFileSync(shared('gsm8k/test-200.jsonl'), 'utf8');
    const inspected = inspectDatasetText(text, detectFormat('test-200.jsonl', text));
    const mapping = guessMapping(inspected.columns, inspected.rows, []);
    expect(mapping).toMatchObject({
      inputFields: ['question'],
      targetField: 'answer',
      extractFinalAnswer: true,
    });
    const { dataset, errors } = buildDataset(inspected, mapping, {
      id: 'd',
      name: 'gsm8k',
      fileName: 'test-200.jsonl',
    });
    expect(errors).toEqual([]);
    expect(dataset.examples).toHaveLength(200);
    expect(dataset.examples[0]?.target).toBe('18');
  });

  it('starts from the fields the open workflow reads, as the command line maps the same file', () => {
    // HotpotQA-shaped rows: a workflow reading question and context gets both, in its own order.
    const text = '{"id":"h1","question":"Who?","context":"Ada wrote it.","type":"bridge","answer":"Ada"}\n';
    const inspected = inspectDatasetText(text, 'jsonl');
    expect(guessMapping(inspected.columns, inspected.rows, ['context', 'question'])).toEqual({
      inputFields: ['context', 'question'],
      targetField: 'answer',
      extractFinalAnswer: false,
    });
    // A workflow whose fields the file lacks: the guess by column names, to edit in the dialog.
    expect(guessMapping(inspected.columns, inspected.rows, ['claim']).inputFields).toEqual(['question']);
    // No column named like an input or a target: the first column in, the last as target.
    const plain = inspectDatasetText('a,b,c\n1,2,3\n', 'csv');
    expect(guessMapping(plain.columns, plain.rows, [])).toMatchObject({
      inputFields: ['a'],
      targetField: 'c',
    });
  });

  it('reads the header-less LIAR TSV with numbered columns and no lost rows', () => {
    const text = readFileSync(shared('liar/test-300.tsv'), 'utf8');
    const inspected = inspectDatasetText(text, 'tsv', { hasHeader: false });
    expect(inspected.rows.length + inspected.errors.length).toBe(300);
    expect(inspected.columns).toHaveLength(14);
    expect(inspected.rows[0]?.values[inspected.columns[1] as string]).toBe('true');
  });

  it('reports bad rows with their line numbers', () => {
    const jsonl = inspectDatasetText('{"q":"a","t":"1"}\nnot json\n\n{"q":"b"}\n', 'jsonl');
    const { dataset, errors } = buildDataset(
      jsonl,
      { inputFields: ['q'], targetField: 't', extractFinalAnswer: false },
      { id: 'd', name: 'd', fileName: 'x.jsonl' },
    );
    expect(dataset.examples).toHaveLength(1);
    expect(errors.map((e) => e.line)).toEqual([2, 4]);
    const csv = inspectDatasetText('q,t\n"a, with comma",1\n"multi\nline",2\nonly-one-cell\n', 'csv');
    expect(csv.rows.map((r) => r.values.q)).toEqual(['a, with comma', 'multi\nline']);
    expect(csv.errors.map((e) => e.line)).toEqual([5]);
  });

  it('splits with a seeded shuffle: same seed, same split; proportions respected', () => {
    const examples = Array.from({ length: 10 }, (_, i) => ({
      id: String(i),
      inputs: { q: String(i) },
      target: '',
    }));
    const a = splitDataset(examples, { seed: 7, train: 0.6, val: 0.2 });
    expect(a.map((e) => e.split)).toEqual(
      splitDataset(examples, { seed: 7, train: 0.6, val: 0.2 }).map((e) => e.split),
    );
    expect(a.filter((e) => e.split === 'train')).toHaveLength(6);
    expect(a.filter((e) => e.split === 'val')).toHaveLength(2);
    expect(a.filter((e) => e.split === 'test')).toHaveLength(2);
  });
});

describe('dataset adapter mapping errors', () => {
  it('reports a mapping that names a missing column instead of throwing', () => {
    const inspected = inspectDatasetText('{"q":"a","t":"1"}\n', 'jsonl');
    const { dataset, errors } = buildDataset(
      inspected,
      { inputFields: ['nope'], targetField: 't', extractFinalAnswer: false },
      { id: 'd', name: 'd', fileName: 'x.jsonl' },
    );
    expect(dataset.examples).toEqual([]);
    expect(errors[0]?.message).toMatch(/nope/);
  });
});
