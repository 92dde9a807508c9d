import { expect, test } from '@playwright/test';
import { OptimizePage } from '../pages/optimize';

// Issue #20: the exported report said seed 0, no settings, 0 training examples and 0 resumes.
test('the exported report of a resumed run says its seed, settings, data and the resume', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const o = new OptimizePage(page);
  await o.openFixture(/^Chain3 receipt — broken-1/);
  await o.openPanel();
  await o.start({ algorithm: 'gtbp', iterations: 2, batchSize: 4, seed: 3 });
  await o.control('Run to end of pass');
  const banner = await o.reloadToResumeBanner();
  await banner.getByRole('button', { name: 'Resume' }).click();
  await o.openPanel();
  expect(await o.playToEnd()).toBe('done');

  const report = JSON.parse(await o.exportText('Report (JSON)')) as {
    algorithm: string;
    seed: number;
    settings: { algorithm?: string; seed?: number; iterations?: number; batchSize?: number };
    data: { trainExamples: number; valExamples: number };
    resumes: number;
    stopReason: string | null;
    iterations: unknown[];
  };
  expect(report.algorithm).toBe('gtbp');
  expect(report.seed).toBe(3);
  expect(report.settings).toMatchObject({ algorithm: 'gtbp', seed: 3, iterations: 2, batchSize: 4 });
  expect(report.data.trainExamples).toBeGreaterThan(0);
  expect(report.data.valExamples).toBeGreaterThan(0);
  expect(report.resumes).toBe(1);
  expect(report.stopReason).not.toBeNull();
  expect(report.iterations.length).toBeGreaterThan(0);

  const md = await o.exportText('Report (Markdown)');
  expect(md).toContain('Algorithm: **gtbp**, seed 3');
  expect(md).toContain(
    `${report.data.trainExamples} training and ${report.data.valExamples} validation examples`,
  );
  expect(md).toContain('resumed 1 time(s)');
  expect(md).toContain('## Blame per node');
  expect(o.studio.errors).toEqual([]);
});
