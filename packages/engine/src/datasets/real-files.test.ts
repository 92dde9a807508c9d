// Reads the real benchmark subsets in /work/shared/datasets (never copied into the project).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildDataset } from './build';
import { detectFormat } from './detect';
import { inspectDatasetText, mappingStartFor } from './inspect';
import { LIAR_COLUMNS } from './presets';

const root = fileURLToPath(new URL('../../../../../shared/datasets/', import.meta.url));
const read = (path: string) => readFileSync(`${root}${path}`, 'utf8');
const normalized = (name: string) =>
  read(`normalized/${name}.jsonl`)
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { id: string; input: string; target: string });

describe('GSM8K', () => {
  for (const split of ['test', 'train'] as const) {
    it(`${split}-200: 200 rows, question/answer, #### answers match the normalized targets`, () => {
      const text = read(`gsm8k/${split}-200.jsonl`);
      expect(detectFormat(`${split}-200.jsonl`, text)).toBe('jsonl');
      const inspection = inspectDatasetText(text, 'jsonl');
      expect(inspection).toMatchObject({
        format: 'jsonl',
        columns: ['question', 'answer'],
        rowCount: 200,
        rowErrors: [],
      });
      const { dataset, rowErrors } = buildDataset(
        text,
        {
          inputColumns: { question: 'question' },
          targetColumn: 'answer',
          targetTransform: 'gsm8k-final-answer',
        },
        { fileName: `${split}-200.jsonl`, idPrefix: `gsm8k-${split}` },
      );
      expect(rowErrors).toEqual([]);
      const expected = normalized(`gsm8k-${split}-200`);
      expect(dataset.examples).toHaveLength(200);
      expect(dataset.fields).toEqual(['question']);
      expect(dataset.source).toEqual({ fileName: `${split}-200.jsonl`, format: 'jsonl' });
      expect(dataset.examples.map((e) => [e.id, e.inputs.question, e.target])).toEqual(
        expected.map((e) => [e.id, e.input, e.target]),
      );
    });
  }

  it('removes thousands separators like upstream (test line 147: #### 2,125)', () => {
    const { dataset } = buildDataset(
      read('gsm8k/test-200.jsonl'),
      {
        inputColumns: { question: 'question' },
        targetColumn: 'answer',
        targetTransform: 'gsm8k-final-answer',
      },
      { format: 'jsonl' },
    );
    expect(read('gsm8k/test-200.jsonl').split('\n')[146]).toContain('#### 2,125');
    expect(dataset.examples[146]!.target).toBe('2125');
  });
});

describe('BIG-Bench Hard', () => {
  it.each([
    ['object_counting', 250],
    ['causal_judgement', 187],
    ['date_understanding', 250],
    ['word_sorting', 250],
  ])('%s: an object with an "examples" list of %i input/target pairs', (task, count) => {
    const text = read(`bbh/${task}.json`);
    expect(detectFormat(`${task}.json`, text)).toBe('json');
    const inspection = inspectDatasetText(text);
    expect(inspection).toMatchObject({
      format: 'json',
      columns: ['input', 'target'],
      rowCount: count,
      rowErrors: [],
    });
    expect(mappingStartFor(inspection.columns, ['input'])).toEqual({
      inputColumns: ['input'],
      targetColumn: 'target',
    });
    const { dataset, rowErrors } = buildDataset(
      text,
      { inputColumns: { question: 'input' }, targetColumn: 'target' },
      { idPrefix: `bbh-${task}` },
    );
    expect(rowErrors).toEqual([]);
    expect(dataset.examples.map((e) => [e.id, e.inputs.question, e.target])).toEqual(
      normalized(`bbh-${task}`).map((e) => [e.id, e.input, e.target]),
    );
  });

  it('object_counting targets are integers and causal_judgement targets are Yes/No', () => {
    const targets = (task: string) =>
      buildDataset(read(`bbh/${task}.json`), {
        inputColumns: { q: 'input' },
        targetColumn: 'target',
      }).dataset.examples.map((e) => e.target);
    expect(targets('object_counting').every((t) => /^\d+$/.test(t))).toBe(true);
    expect(new Set(targets('causal_judgement'))).toEqual(new Set(['Yes', 'No']));
  });
});

describe('LIAR', () => {
  const labelCounts = {
    test: { 'pants-fire': 27, false: 57, 'barely-true': 55, 'half-true': 56, 'mostly-true': 56, true: 49 },
    valid: { 'pants-fire': 35, false: 61, 'barely-true': 56, 'half-true': 55, 'mostly-true': 51, true: 42 },
    train: { 'pants-fire': 20, false: 58, 'barely-true': 45, 'half-true': 61, 'mostly-true': 66, true: 50 },
  };

  it.each(['test', 'valid', 'train'] as const)(
    '%s-300: 300 rows of 14 tab-separated columns, no header',
    (split) => {
      const text = read(`liar/${split}-300.tsv`);
      expect(detectFormat(`${split}-300.tsv`, text)).toBe('tsv');
      const inspection = inspectDatasetText(text, 'tsv');
      expect(inspection.hasHeader).toBe(false);
      expect(inspection.columns).toHaveLength(14);
      expect(inspection.rowCount).toBe(300);
      expect(inspection.rowErrors).toEqual([]);

      const { dataset, rowErrors } = buildDataset(
        text,
        {
          idColumn: 'id',
          inputColumns: { statement: 'statement', speaker: 'speaker' },
          targetColumn: 'label',
        },
        { format: 'tsv', columnNames: LIAR_COLUMNS },
      );
      expect(rowErrors).toEqual([]);
      const counts: Record<string, number> = {};
      for (const e of dataset.examples) counts[e.target] = (counts[e.target] ?? 0) + 1;
      expect(counts).toEqual(labelCounts[split]);
      // Statements containing quotes survive intact (no CSV-style quote handling).
      const expected = normalized(`liar-${split}-300`);
      expect(
        dataset.examples.map((e) => [`liar-${split}-${e.id.replace(/\.json$/, '')}`, e.inputs.statement]),
      ).toEqual(expected.map((e) => [e.id, e.input]));
      expect(dataset.examples.some((e) => e.inputs.statement!.includes('"'))).toBe(true);
    },
  );
});
