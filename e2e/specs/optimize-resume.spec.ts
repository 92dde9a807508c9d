import { expect, test } from '@playwright/test';
import { OptimizePage } from '../pages/optimize';
import { storedRows } from '../pages/stored';

const settings = { algorithm: 'gtbp' as const, iterations: 2, batchSize: 4, seed: 3 };

test('reload in the middle of an iteration, resume: the same final prompts as an uninterrupted run', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const o = new OptimizePage(page);

  // The uninterrupted reference run.
  await o.openFixture(/^Chain3 receipt — broken-1/);
  await o.openPanel();
  await o.start(settings);
  expect(await o.playToEnd()).toBe('done');
  await o.studio.flush();
  const reference = await o.prompts();

  // The same run, reloaded after the backward pass of the first iteration.
  await o.studio.openExample(/^Chain3 receipt — broken-1/);
  await o.studio.flush();
  await page.reload();
  await o.studio.open();
  await o.openPanel();
  await o.start(settings);
  await o.control('Run to end of pass');
  await o.control('Step');
  await page.reload();
  await o.studio.open();
  const banner = page.getByTestId('resume-banner');
  await expect(banner).toBeVisible();
  await page.screenshot({ path: 'e2e/.output/optimize-resume-banner.png' });
  await banner.getByRole('button', { name: 'Resume' }).click();
  await o.openPanel();
  expect(await o.playToEnd()).toBe('done');
  expect(await o.prompts()).toEqual(reference);
  // The history lists the run from its row's digest, which Resume rebuilt from the rows it kept:
  // exactly the call records stored for the run (the held-out test split's, stored after the run
  // ended, too; the reference run is another project's), after a reload too.
  await o.studio.flush();
  const [resumed] = (await storedRows(page, 'runs')).sort(
    (a, b) => (b.startedAt as number) - (a.startedAt as number),
  );
  const stored = (await storedRows(page, 'calls')).filter((c) => c.runId === resumed?.id).length;
  expect(stored).toBeGreaterThan(0);
  const history = o.panel.getByTestId('run-history-row');
  await expect(history).toHaveCount(1);
  await expect(history).toContainText(`· ${stored} calls`);
  await page.reload();
  await o.studio.open();
  await o.openPanel();
  await expect(history).toContainText(`· ${stored} calls`);
  expect(o.studio.errors).toEqual([]);
});
