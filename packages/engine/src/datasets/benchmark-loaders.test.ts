// The official-format loaders on the real subsets in ../shared/datasets (never copied here).

import { readFileSync } from 'node:fs';
import { datasetUrl } from '../loss/test-support/datasets';
import { BBH_TASKS, isBbhTask, parseBbhTaskFile } from './bbh';
import { parseGsm8kFile } from './gsm8k-file';
import { parseHotpotQa } from './hotpotqa';
import { parseLiarTsv } from './liar';

const read = (path: string) => readFileSync(datasetUrl(path), 'utf8');
/** A `normalized/<name>.jsonl` file: the dataset README's reference reading of the raw files. */
const normalized = (name: string): Array<{ id: string; input: string; target: string }> =>
  read(`normalized/${name}.jsonl`)
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));

describe('BBH task files', () => {
  it('names all 27 tasks', () => {
    expect(BBH_TASKS).toHaveLength(27);
    expect(isBbhTask('object_counting')).toBe(true);
    expect(isBbhTask('object counting')).toBe(false);
  });

  for (const task of ['object_counting', 'causal_judgement', 'word_sorting'] as const) {
    it(`${task}: same ids, inputs and targets as the normalized copy`, () => {
      const examples = parseBbhTaskFile(read(`bbh/${task}.json`), task);
      const want = normalized(`bbh-${task}`);
      expect(examples.map((e) => [e.id, e.inputs.question, e.target])).toEqual(
        want.map((w) => [w.id, w.input, w.target]),
      );
    });
  }

  it('says which example is malformed', () => {
    expect(() =>
      parseBbhTaskFile('{"examples":[{"input":"q","target":"a"},{"input":1}]}', 'navigate'),
    ).toThrow('examples[1]');
    expect(() => parseBbhTaskFile('[]', 'navigate')).toThrow('"examples" array');
  });
});

describe('GSM8K files', () => {
  for (const split of ['train', 'test'] as const) {
    it(`${split}-200: the #### answers, commas removed, as the normalized copy has them`, () => {
      const examples = parseGsm8kFile(read(`gsm8k/${split}-200.jsonl`), split);
      const want = normalized(`gsm8k-${split}-200`);
      expect(examples.map((e) => [e.id, e.inputs.question, e.target])).toEqual(
        want.map((w) => [w.id, w.input, w.target]),
      );
    });
  }

  it('names the line of a solution without ####', () => {
    expect(() =>
      parseGsm8kFile('{"question":"q","answer":"#### 1"}\n{"question":"q","answer":"2"}', 'test'),
    ).toThrow('line 2');
  });
});

describe('LIAR TSV', () => {
  it('six-way keeps every row with its label and metadata columns', () => {
    const examples = parseLiarTsv(read('liar/test-300.tsv'), 'test');
    const want = normalized('liar-test-300');
    expect(examples.map((e) => [e.id, e.inputs.statement, e.target])).toEqual(
      want.map((w) => [w.id, w.input, w.target]),
    );
    expect(Object.keys(examples[0]!.inputs)).toContain('party');
  });

  it('sbp-binary keeps only false (a lie: Yes) and true (No) rows with all five evidence fields', () => {
    const text = read('liar/train-300.tsv');
    const all = parseLiarTsv(text, 'train');
    const binary = parseLiarTsv(text, 'train', 'sbp-binary');
    // train-300 has 58 false and 50 true rows; some lack a job title, state or context.
    expect(binary.length).toBeGreaterThan(0);
    expect(binary.length).toBeLessThanOrEqual(108);
    for (const e of binary) {
      const label = all.find((a) => a.id === e.id)!.target;
      expect(e.target).toBe(label === 'false' ? 'Yes' : 'No');
      for (const f of ['statement', 'job_title', 'state', 'party', 'context'])
        expect(e.inputs[f]!.replace(/[^\p{L}]/gu, '')).not.toBe('');
    }
    expect(new Set(binary.map((e) => e.target))).toEqual(new Set(['Yes', 'No']));
  });

  it('refuses a row of the wrong width or an unknown label, with its line', () => {
    expect(() => parseLiarTsv('1.json\tfalse\tonly three', 'test')).toThrow('line 1: 3 columns');
    const row = ['1.json', 'maybe', ...Array(12).fill('x')].join('\t');
    expect(() => parseLiarTsv(row, 'test')).toThrow('unknown label "maybe"');
  });
});

describe('HotpotQA JSON', () => {
  it('reads the 40 dev records: ids, questions, answers, context paragraphs, 28 bridge and 12 comparison', () => {
    const text = read('hotpotqa/dev-distractor-sample.json');
    const examples = parseHotpotQa(text);
    const records = JSON.parse(text) as { type: string; supporting_facts: [string, number][] }[];
    expect(examples).toHaveLength(40);
    expect(examples[0]!.id).toBe('5a8b57f25542995d1e6f1371');
    expect(records.filter((r) => r.type === 'bridge')).toHaveLength(28);
    expect(examples.filter((e) => ['yes', 'no'].includes(e.target))).toHaveLength(8);
    // Record 27 has only its two gold paragraphs.
    expect(examples[27]!.inputs.context!.split('\n\n')).toHaveLength(2);
    for (const [i, e] of examples.entries()) {
      for (const [title] of records[i]!.supporting_facts) expect(e.inputs.context).toContain(`${title}: `);
    }
  });

  it('says which record is malformed', () => {
    expect(() => parseHotpotQa('[{"_id":"a","question":"q","answer":"x","context":[["t","s"]]}]')).toThrow(
      'record 0 (a)',
    );
    expect(() => parseHotpotQa('{}')).toThrow('JSON array');
  });
});
