import { expect, test } from '@playwright/test';
import { OptimizePage } from '../pages/optimize';

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
  expect(o.studio.errors).toEqual([]);
});
