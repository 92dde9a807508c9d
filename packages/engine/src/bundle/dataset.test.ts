import { labelSplits } from '../datasets/split';
import type { Example } from '../datasets/types';
import { labelBundleSplits, readBundleDataset } from './dataset';

const examples = (n: number): Example[] =>
  Array.from({ length: n }, (_, i) => ({ id: `e${i}`, inputs: { x: String(i) }, target: String(i) }));

const refusal = (value: unknown): string => {
  const read = readBundleDataset(value);
  if (read.ok) throw new Error('expected a refusal');
  return read.message;
};

describe('readBundleDataset', () => {
  it('keeps what the studio writes, and drops properties a stored row must not take from a file', () => {
    const dataset = {
      id: 'd1',
      name: 'Math',
      examples: [{ id: 'a', inputs: { q: '1+1' }, target: '2', split: 'val' as const }],
      fields: ['q'],
      source: { fileName: 'm.csv', format: 'csv' as const },
    };
    const split = { seed: 3, train: 0.6, val: 0.2 };
    const read = readBundleDataset({ dataset: { ...dataset, workflowId: 'victim' }, split, extra: 1 });
    expect(read).toEqual({ ok: true, entry: { dataset, split } });
  });

  it('fills in what a hand-made file leaves out: id, name, fields in order of appearance, no split', () => {
    const read = readBundleDataset({
      dataset: {
        examples: [
          { id: 'a', inputs: { question: 'q', context: 'c' }, target: 't' },
          { id: 'b', inputs: { hint: 'h', question: 'q2' }, target: 't2' },
        ],
      },
    });
    if (!read.ok) throw new Error(read.message);
    expect(read.entry.dataset).toMatchObject({
      id: 'dataset',
      name: 'dataset',
      fields: ['question', 'context', 'hint'],
    });
    expect(read.entry.split).toBeUndefined();
    const nullSplit = readBundleDataset({ dataset: { examples: examples(1) }, split: null });
    expect(nullSplit.ok && nullSplit.entry.split).toBeUndefined();
  });

  it.each([
    ['not an object', 'dataset', 'it is not an object with a "dataset".'],
    ['an empty object', {}, '"dataset" is missing.'],
    ['a dataset that is text', { dataset: 'rows' }, 'the dataset must be an object at dataset.'],
    [
      'a null target',
      { dataset: { examples: [{ id: '1', inputs: {}, target: null }] } },
      'the target must be text at dataset.examples[0].target.',
    ],
    ['no examples', { dataset: { examples: [] } }, 'it has no examples at dataset.examples.'],
    [
      'examples that are not a list',
      { dataset: { examples: { a: 1 } } },
      'the examples must be a list at dataset.examples.',
    ],
    [
      'a number cell',
      { dataset: { examples: [{ id: '1', inputs: { q: 7 }, target: '4' }] } },
      'every cell must be text at dataset.examples[0].inputs.q.',
    ],
    [
      'a missing target',
      { dataset: { examples: [{ id: '1', inputs: {} }] } },
      '"dataset.examples[0].target" is missing.',
    ],
    [
      'an empty id',
      { dataset: { examples: [{ id: '', inputs: {}, target: 't' }] } },
      'an example id is empty',
    ],
    [
      'an unknown split label',
      { dataset: { examples: [{ id: '1', inputs: {}, target: 't', split: 'dev' }] } },
      'dataset.examples[0].split',
    ],
    [
      'a fractional seed',
      { dataset: { examples: examples(1) }, split: { seed: 1.5, train: 0.5, val: 0.5 } },
      'the split seed must be a whole number',
    ],
    [
      'shares over 100%',
      { dataset: { examples: examples(1) }, split: { seed: 1, train: 0.9, val: 0.9 } },
      'more than 100%',
    ],
    [
      'a negative share',
      { dataset: { examples: examples(1) }, split: { seed: 1, train: -0.1, val: 0.5 } },
      'a split share must be a number from 0 to 1 (this one is -0.1) at split.train.',
    ],
    [
      'an infinite share (1e999)',
      JSON.parse(
        '{"dataset":{"examples":[{"id":"a","inputs":{},"target":"t"}]},"split":{"seed":1,"train":1e999,"val":0}}',
      ),
      'a split share must be a number from 0 to 1 (this one is Infinity) at split.train.',
    ],
    [
      'split settings that are a number',
      { dataset: { examples: examples(1) }, split: 5 },
      'the split settings must be an object at split.',
    ],
    ['a null example', { dataset: { examples: [null] } }, 'dataset.examples[0]'],
    [
      'extra targets that are numbers',
      { dataset: { examples: [{ id: '1', inputs: {}, target: 't', targets: { b: 2 } }] } },
      'every cell must be text at dataset.examples[0].targets.b.',
    ],
    [
      'an upper-case split label',
      { dataset: { examples: [{ id: '1', inputs: {}, target: 't', split: 'TRAIN' }] } },
      'dataset.examples[0].split',
    ],
    [
      'fields that are not text',
      { dataset: { examples: examples(1), fields: ['x', 3] } },
      'a field name must be text at dataset.fields[1].',
    ],
    [
      'an empty field name',
      { dataset: { examples: [{ id: '1', inputs: { '': 'v' }, target: 't' }] } },
      'a field name is empty at dataset.examples[0].inputs.',
    ],
    [
      'a field name of 201 characters',
      { dataset: { examples: [{ id: '1', inputs: { ['f'.repeat(201)]: 'v' }, target: 't' }] } },
      'a field name is longer than 200 characters at dataset.examples[0].inputs.',
    ],
    [
      'a source of an unknown format',
      { dataset: { examples: examples(1), source: { fileName: 'a.xlsx', format: 'xlsx' } } },
      'dataset.source.format',
    ],
    [
      'a seed that is text',
      { dataset: { examples: examples(1) }, split: { seed: '1', train: 0.5, val: 0.5 } },
      'the split seed must be a number at split.seed.',
    ],
  ])('refuses %s, saying what is wrong where', (_what, value, fragment) => {
    expect(refusal(value)).toContain(fragment);
  });

  it('refuses a repeated example id with the sentence the data files use', () => {
    const repeated = [...examples(2), { id: 'e0', inputs: { x: 'again' }, target: 'x' }];
    expect(refusal({ dataset: { examples: repeated } })).toBe(
      'example 3 repeats the id "e0"; ids must be unique.',
    );
  });

  it('refuses a key that could reach a prototype, wherever it hides, naming where', () => {
    const text =
      '{"dataset":{"examples":[{"id":"a","inputs":{"__proto__":{"polluted":"yes"}},"target":"t"}]}}';
    expect(refusal(JSON.parse(text))).toBe(
      'it has the forbidden key at dataset.examples[0].inputs.__proto__.',
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(refusal({ dataset: { examples: examples(1), constructor: { prototype: {} } } })).toContain(
      'forbidden key',
    );
  });

  it('reads back a stored dataset an older build let in: repeated ids, a field named "constructor"', () => {
    const older = {
      dataset: {
        examples: [
          { id: 'a', inputs: { constructor: 'c', question: 'q' }, target: 't' },
          { id: 'a', inputs: { constructor: 'd', question: 'r' }, target: 'u' },
        ],
      },
    };
    expect(refusal(older)).toBe('it has the forbidden key at dataset.examples[0].inputs.constructor.');
    const stored = readBundleDataset(older, { from: 'storage' });
    if (!stored.ok) throw new Error(stored.message);
    expect(stored.entry.dataset.examples.map((e) => e.inputs.constructor)).toEqual(['c', 'd']);
    expect(stored.entry.dataset.fields).toEqual(['constructor', 'question']);
  });

  it('never lets a stored "__proto__" key become a prototype', () => {
    const text = '{"dataset":{"examples":[{"id":"a","inputs":{"__proto__":"x","q":"y"},"target":"t"}]}}';
    const stored = readBundleDataset(JSON.parse(text), { from: 'storage' });
    if (!stored.ok) throw new Error(stored.message);
    const inputs = stored.entry.dataset.examples[0]!.inputs;
    expect(Object.keys(inputs)).toEqual(['q']);
    expect(Object.getPrototypeOf(inputs)).toBe(Object.prototype);
  });

  it('reports at most three problems, so a file of 10,000 bad rows gives one readable sentence', () => {
    const bad = Array.from({ length: 10_000 }, (_, i) => ({ id: String(i), inputs: { q: i }, target: 't' }));
    const message = refusal({ dataset: { examples: bad } });
    expect(message.split('every cell must be text')).toHaveLength(4);
  });
});

describe('labelBundleSplits', () => {
  it('keeps labels the examples carry, cuts the rest by the seeded split, and is deterministic', () => {
    const mixed = [...examples(9), { id: 'v', inputs: { x: 'v' }, target: 'v', split: 'val' as const }];
    const a = labelBundleSplits(mixed, { seed: 4, train: 0.5, val: 0.5 });
    expect(a.find((e) => e.id === 'v')?.split).toBe('val');
    expect(a.map((e) => e.id)).toEqual(mixed.map((e) => e.id));
    expect(labelBundleSplits(mixed, { seed: 4, train: 0.5, val: 0.5 })).toEqual(a);
    expect(a.filter((e) => e.id !== 'v' && e.split === 'test')).toHaveLength(0);
  });

  it('cuts unlabelled examples exactly as the studio splits its dataset', () => {
    const split = { seed: 11, train: 0.5, val: 0.3 };
    const studio = labelSplits(examples(23), split);
    const labelled = { id: 'x', inputs: { x: 'x' }, target: 'x', split: 'test' as const };
    expect(labelBundleSplits([...examples(23), labelled], split)).toEqual([...studio, labelled]);
  });

  it('labels unlabelled examples train when there are no split settings', () => {
    expect(labelBundleSplits(examples(3), undefined).map((e) => e.split)).toEqual([
      'train',
      'train',
      'train',
    ]);
  });
});
