import type { Workflow } from '@backflow/engine';
import {
  MAX_JSON_DEPTH,
  readFileText,
  readUntrustedJson,
  undecodedFileProblem,
} from '../engine-adapters/parse';
import { emptyWorkflow } from '../store/doc-ops';
import { importBundle } from './bundle';
import { readDatasetEntry } from './dataset-shape';

/** input -> solve -> out: the smallest runnable workflow. */
function chain(overrides: Partial<Workflow> = {}): Workflow {
  return {
    ...emptyWorkflow('safety', 'Safety chain'),
    nodes: [
      { id: 'in', kind: 'input', label: 'Input', position: { x: 0, y: 0 }, fields: ['question'] },
      {
        id: 'solve',
        kind: 'llm',
        label: 'Solve',
        position: { x: 300, y: 0 },
        role: '',
        systemPrompt: 'Answer.',
        userTemplate: '{{question}}',
        trainable: true,
      },
      { id: 'out', kind: 'output', label: 'Out', position: { x: 600, y: 0 }, targetKey: 'target' },
    ],
    edges: [
      { id: 'e1', source: 'in', sourceField: 'question', target: 'solve', targetInput: 'question' },
      { id: 'e2', source: 'solve', target: 'out', targetInput: 'value' },
    ],
    ...overrides,
  } as Workflow;
}

const goodDataset = {
  dataset: {
    id: 'ds',
    name: 'Questions',
    fields: ['question'],
    examples: [
      { id: '1', inputs: { question: 'What is 2+2?' }, target: '4' },
      { id: '2', inputs: { question: 'What is 3+3?' }, target: '6', split: 'val' },
    ],
  },
  split: { seed: 1, train: 0.6, val: 0.2 },
};

const bundle = (workflow: unknown, dataset?: unknown) =>
  JSON.stringify({ format: 'backflow.bundle', version: 1, exportedAt: '', workflow, dataset });

const refusal = (text: string) => {
  const r = importBundle(text);
  if (r.ok) throw new Error('expected a refusal');
  return r.message;
};

describe('reading untrusted JSON', () => {
  it('refuses 100,000 levels of nesting before parsing, and stops counting at the limit', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const r = readUntrustedJson(deep);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain(`nested more than ${MAX_JSON_DEPTH} levels deep`);
  });

  it('calls empty, binary and UTF-16 files "not JSON" with the reason', () => {
    expect(readUntrustedJson('  \n')).toEqual({ ok: false, message: 'The file is not JSON: it is empty.' });
    const png = '\x89PNG\r\n\x1a\n\0\0\0\rIHDR';
    expect(readUntrustedJson(png)).toEqual({
      ok: false,
      message: 'The file is not JSON: it is binary, not text.',
    });
    const utf16 = Array.from('{"format":1}', (c) => `${c}\0`).join('');
    expect(readUntrustedJson(`\uFFFD\uFFFD${utf16}`).ok || readUntrustedJson(utf16)).toMatchObject({
      message: expect.stringContaining('UTF-16'),
    });
  });
});

describe('decoding a picked file', () => {
  const textOf = async (bytes: number[] | Uint8Array) => {
    const decoded = await readFileText(new Blob([new Uint8Array(bytes)]));
    return decoded.ok ? decoded.text : decoded;
  };

  it('reads UTF-16 with a byte order mark (either order) or without one, and UTF-8 with or without one', async () => {
    expect(await textOf([0xff, 0xfe, 0x7b, 0, 0x7d, 0])).toBe('{}');
    expect(await textOf([0xfe, 0xff, 0, 0x7b, 0, 0x7d])).toBe('{}');
    expect(await textOf([0xef, 0xbb, 0xbf, 0x7b, 0x7d])).toBe('{}');
    expect(await textOf(new TextEncoder().encode('é'))).toBe('é');
    // As Windows tools write it: UTF-16 without a mark, read as the CLI reads it.
    expect(await textOf(Array.from('{"a":"b"}', (c) => [c.charCodeAt(0), 0]).flat())).toBe('{"a":"b"}');
  });

  it('refuses bytes that are not UTF-8, with where, instead of reading them as replacement characters', async () => {
    // "Café" saved as Latin-1: 0xE9 alone is not UTF-8.
    const latin1 = [...new TextEncoder().encode('{"name":"Caf'), 0xe9, ...new TextEncoder().encode('"}')];
    const decoded = await readFileText(new Blob([new Uint8Array(latin1)]));
    expect(decoded.ok).toBe(false);
    if (decoded.ok) return;
    expect(undecodedFileProblem(decoded, 'workflow')).toBe(
      'The file is not JSON: it is not UTF-8 text (byte 0xE9 at offset 12); save it as UTF-8.',
    );
    expect(undecodedFileProblem(decoded, 'dataset-table')).toContain(
      'The file is not text: it is not UTF-8 text',
    );
  });

  it('says empty and binary files are not JSON (Import) or are empty / binary (Dataset tab)', async () => {
    const empty = await readFileText(new Blob(['  \n']));
    const png = await readFileText(
      new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])]),
    );
    if (empty.ok || png.ok) throw new Error('expected both refused');
    expect(undecodedFileProblem(empty, 'workflow')).toBe('The file is not JSON: it is empty.');
    expect(undecodedFileProblem(empty, 'dataset-json')).toBe(
      'The file is empty: there is nothing to import.',
    );
    expect(undecodedFileProblem(png, 'workflow')).toBe('The file is not JSON: it is binary, not text.');
    expect(undecodedFileProblem(png, 'dataset-table')).toBe('The file is not text: it is binary, not text.');
  });
});

describe('importing a bundle checks everything before anything is stored', () => {
  it('imports a good bundle with its dataset, dropping fields that would pick the stored row', () => {
    const smuggled = { ...goodDataset, id: 'victim:dataset', workflowId: 'victim' };
    const r = importBundle(bundle(chain(), smuggled));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.dataset).toEqual(goodDataset);
    expect(r.warnings).toEqual([]);
  });

  it.each([
    ['an empty dataset object', {}, '"dataset" is missing.'],
    [
      'half a split',
      { dataset: goodDataset.dataset, split: { seed: 1, train: 0.5 } },
      '"split.val" is missing.',
    ],
    [
      'number cells',
      {
        ...goodDataset,
        dataset: { ...goodDataset.dataset, examples: [{ id: '1', inputs: { question: 7 }, target: '4' }] },
      },
      'every cell must be text at dataset.examples[0].inputs.question',
    ],
    [
      'object cells',
      {
        ...goodDataset,
        dataset: {
          ...goodDataset.dataset,
          examples: [{ id: '1', inputs: { question: { a: 1 } }, target: '4' }],
        },
      },
      'every cell must be text',
    ],
    [
      'no examples',
      { ...goodDataset, dataset: { ...goodDataset.dataset, examples: [] } },
      'it has no examples',
    ],
    [
      'a number target',
      {
        ...goodDataset,
        dataset: { ...goodDataset.dataset, examples: [{ id: '1', inputs: { question: 'q' }, target: 4 }] },
      },
      'the target must be text',
    ],
    ['a split over 100%', { ...goodDataset, split: { seed: 1, train: 0.9, val: 0.9 } }, 'more than 100%'],
    [
      // Runs and the data table find examples by id: the CLI refuses the same file with the same words.
      'two examples of one id',
      {
        ...goodDataset,
        dataset: {
          ...goodDataset.dataset,
          examples: [
            { id: 'q', inputs: { question: 'a?' }, target: 'a' },
            { id: 'r', inputs: { question: 'b?' }, target: 'b' },
            { id: 'q', inputs: { question: 'c?' }, target: 'c' },
          ],
        },
      },
      'example 3 repeats the id "q"; ids must be unique.',
    ],
  ])('refuses a dataset part with %s', (_what, dataset, fragment) => {
    const message = refusal(bundle(chain(), dataset));
    expect(message).toContain("Nothing was imported: the file's dataset is not usable:");
    expect(message).toContain(fragment);
  });

  it('refuses a "__proto__" field of a dataset, naming where it is: it never becomes a prototype', () => {
    const text = bundle(chain(), goodDataset).replace(
      '"question":"What is 2+2?"',
      '"__proto__":{"polluted":"yes"},"question":"q"',
    );
    expect(refusal(text)).toBe(
      "Nothing was imported: the file's dataset is not usable: it has the forbidden key at dataset.examples[0].inputs.__proto__.",
    );
    expect(({} as { polluted?: string }).polluted).toBeUndefined();
  });

  it('takes a hand-made dataset part as the command line does: no id, name, fields or split', () => {
    const examples = [{ id: '1', inputs: { question: 'What is 2+2?' }, target: '4' }];
    const r = importBundle(bundle(chain(), { dataset: { examples } }));
    if (!r.ok) throw new Error(r.message);
    expect(r.dataset).toEqual({
      dataset: { id: 'dataset', name: 'dataset', examples, fields: ['question'] },
      split: { seed: 1, train: 0.6, val: 0.2 },
    });
  });

  it('refuses a dataset whose examples lack a field the input node reads, naming node and field', () => {
    const misfit = {
      ...goodDataset,
      dataset: {
        ...goodDataset.dataset,
        fields: ['query'],
        examples: [{ id: '1', inputs: { query: 'q' }, target: 'a' }],
      },
    };
    const message = refusal(bundle(chain(), misfit));
    expect(message).toContain('does not fit its workflow');
    expect(message).toContain('reads the field "question", but no example has it');
    expect(message).toContain('"query"');
  });

  it('refuses a cyclic workflow, naming the cycle', () => {
    const cyclic = chain({
      nodes: [
        ...chain().nodes,
        {
          id: 'check',
          kind: 'llm',
          label: 'Check',
          position: { x: 300, y: 200 },
          role: '',
          systemPrompt: 'Check.',
          userTemplate: '{{a}}',
          trainable: true,
        },
      ],
      edges: [
        ...chain().edges,
        { id: 'e3', source: 'solve', target: 'check', targetInput: 'a' },
        { id: 'e4', source: 'check', target: 'solve', targetInput: 'b' },
      ],
    });
    const message = refusal(JSON.stringify(cyclic));
    expect(message).toContain('The workflow is not imported: The workflow has a cycle:');
    expect(message).toContain('"solve" -> "check" -> "solve"');
  });

  it('warns (without refusing) about a 5 MB prompt', () => {
    const doc = chain();
    const huge = chain({
      nodes: doc.nodes.map((n) => (n.kind === 'llm' ? { ...n, systemPrompt: 'x'.repeat(5_000_000) } : n)),
    });
    const r = importBundle(JSON.stringify(huge));
    expect(r.ok).toBe(true);
    expect(r.ok && r.warnings).toEqual([
      expect.stringMatching(
        /^Node "\u2068Solve\u2069" has a 4\.8 MB system prompt; every call sends all of it/,
      ),
    ]);
  });

  it('says a CLI report is a report, and refuses other bundle versions and bare garbage', () => {
    expect(refusal('{"format":"backflow.optimize-report","version":1}')).toContain('optimization report');
    // The command line refuses the same files with the same words (the engine's bundle/).
    expect(refusal('{"format":"backflow.bundle","version":2}')).toBe(
      'This file is a studio bundle of version 2; this build reads version 1.',
    );
    expect(refusal('{"format":"backflow.bundle","version":1}')).toBe(
      'This file is a studio bundle without a workflow.',
    );
    expect(refusal('{nope')).toContain('The file is not JSON: ');
  });
});

describe('the stored dataset shape', () => {
  it('keeps a good entry as it is and names the first problems of a bad one', () => {
    expect(readDatasetEntry(goodDataset, 'storage')).toEqual({ ok: true, entry: goodDataset });
    const bad = readDatasetEntry(
      { dataset: { id: 'x', name: 'n', fields: 'q', examples: 'no' }, split: {} },
      'storage',
    );
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message.split('. ').length).toBeGreaterThanOrEqual(3);
  });

  it('still reads a stored dataset with a field named "constructor", which an import now refuses', () => {
    const first = goodDataset.dataset.examples[0]!;
    const example = { ...first, inputs: { ...first.inputs, constructor: 'c' } };
    const older = { ...goodDataset, dataset: { ...goodDataset.dataset, examples: [example] } };
    const stored = readDatasetEntry(older, 'storage');
    expect(stored.ok && stored.entry.dataset.examples[0]!.inputs.constructor).toBe('c');
    expect(refusal(bundle(chain(), older))).toContain(
      'forbidden key at dataset.examples[0].inputs.constructor',
    );
  });

  it('still reads a stored dataset with a repeated id: an older build let it in, and nothing is lost', () => {
    const first = goodDataset.dataset.examples[0]!;
    const older = { ...goodDataset, dataset: { ...goodDataset.dataset, examples: [first, { ...first }] } };
    expect(readDatasetEntry(older, 'storage').ok).toBe(true);
    // Only an import stops it, on the way in.
    expect(refusal(bundle(chain(), older))).toContain('example 2 repeats the id "1"; ids must be unique.');
  });
});
