import { type Example, labelSplits } from '@backflow/engine';
import { readWorkflowSource } from './studio-bundle';

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
    expect(readWorkflowSource('[1,2]', 'w.json')).toEqual({ document: '[1,2]', bundle: false });
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
  });

  it('refuses another bundle version, a bundle without a workflow and a malformed dataset, in one line naming the file', () => {
    expect(() => readWorkflowSource(bundleText({ version: 2 }), 'b.json')).toThrow(
      'b.json is a studio bundle of version 2; this build reads version 1.',
    );
    expect(() => readWorkflowSource(bundleText({ workflow: undefined }), 'b.json')).toThrow(
      'b.json is a studio bundle without a workflow.',
    );
    const noTarget = { dataset: { dataset: { examples: [{ id: 'a', inputs: {} }] } } };
    expect(() => readWorkflowSource(bundleText(noTarget), 'b.json')).toThrow(
      `b.json: the bundle's dataset is not usable: "dataset.examples[0].target" is missing.`,
    );
    const halfSplit = { dataset: { dataset: { examples: examples(2) }, split: { seed: 1, train: 0.5 } } };
    expect(() => readWorkflowSource(bundleText(halfSplit), 'b.json')).toThrow('"split.val" is missing.');
  });
});
