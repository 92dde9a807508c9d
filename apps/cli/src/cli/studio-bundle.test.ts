import { type Example, labelSplits } from '@backflow/engine';
import { labelBundleSplits, readWorkflowSource } from './studio-bundle';

const examples = (n: number): Example[] =>
  Array.from({ length: n }, (_, i) => ({ id: `e${i}`, inputs: { x: String(i) }, target: String(i) }));

const bundleText = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    format: 'backflow.bundle',
    version: 1,
    exportedAt: '2026-01-01T00:00:00.000Z',
    workflow: { id: 'w', name: 'W' },
    ...extra,
  });

describe('readWorkflowSource', () => {
  it('passes a bare workflow document on as text, and text that is not JSON too', () => {
    expect(readWorkflowSource('{"id":"w"}', 'w.json')).toEqual({ document: '{"id":"w"}', bundle: false });
    expect(readWorkflowSource('not json', 'w.json')).toEqual({ document: 'not json', bundle: false });
  });

  it('unwraps a studio bundle and labels its dataset', () => {
    const source = readWorkflowSource(
      bundleText({
        dataset: { dataset: { name: 'D', examples: examples(10) }, split: { seed: 1, train: 0.6, val: 0.2 } },
      }),
      'b.json',
    );
    expect(source.bundle).toBe(true);
    expect(source.document).toEqual({ id: 'w', name: 'W' });
    expect(source.dataset?.name).toBe('D');
    const counts = { train: 0, val: 0, test: 0 };
    for (const e of source.dataset!.examples) counts[e.split!]++;
    expect(counts).toEqual({ train: 6, val: 2, test: 2 });
  });

  it('refuses another bundle version, a bundle without a workflow and malformed examples, in one line', () => {
    expect(() => readWorkflowSource(bundleText({ version: 2 }), 'b.json')).toThrow(
      'b.json is a studio bundle of version 2; this build reads version 1.',
    );
    expect(() => readWorkflowSource(bundleText({ workflow: undefined }), 'b.json')).toThrow(
      'without a workflow',
    );
    const bad = { dataset: { dataset: { examples: [{ id: 'a', inputs: {} }] } } };
    expect(() => readWorkflowSource(bundleText(bad), 'b.json')).toThrow(
      'b.json: dataset example 1 lacks an id, inputs or target.',
    );
  });
});

describe('labelBundleSplits', () => {
  it('keeps labels the examples carry, cuts the rest by the seeded split, and is deterministic', () => {
    const mixed = [...examples(9), { id: 'v', inputs: { x: 'v' }, target: 'v', split: 'val' as const }];
    const a = labelBundleSplits(mixed, { seed: 4, train: 0.5, val: 0.5 });
    expect(a.find((e) => e.id === 'v')?.split).toBe('val');
    expect(a.map((e) => e.id)).toEqual(mixed.map((e) => e.id)); // file order kept
    expect(labelBundleSplits(mixed, { seed: 4, train: 0.5, val: 0.5 })).toEqual(a);
    expect(a.filter((e) => e.id !== 'v' && e.split === 'test')).toHaveLength(0);
  });

  it('cuts a studio export exactly as the studio splits its dataset', () => {
    // The studio labels its dataset with the engine's labelSplits (apps/web engine-adapters/datasets.ts).
    const split = { seed: 11, train: 0.5, val: 0.3 };
    const source = readWorkflowSource(
      bundleText({ dataset: { dataset: { name: 'D', examples: examples(23) }, split } }),
      'b.json',
    );
    const studio = labelSplits(examples(23), split);
    expect(new Set(studio.map((e) => e.split))).toEqual(new Set(['train', 'val', 'test']));
    expect(source.dataset?.examples).toEqual(studio);
    const labelled = { id: 'x', inputs: { x: 'x' }, target: 'x', split: 'test' as const };
    expect(labelBundleSplits([...examples(23), labelled], split)).toEqual([...studio, labelled]);
  });

  it('labels unlabelled examples train when the bundle has no split settings', () => {
    expect(labelBundleSplits(examples(3), undefined).map((e) => e.split)).toEqual([
      'train',
      'train',
      'train',
    ]);
  });
});
