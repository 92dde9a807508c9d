import { expect, test } from '@playwright/test';
import { StudioPage } from '../pages/studio';

test('run forward on the simulated model: an output on every node', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 900 });
  const studio = new StudioPage(page);
  await studio.open();
  await page.getByRole('button', { name: 'Examples' }).click();
  await page.getByRole('button', { name: /^Chain3 receipt\s*Runs/ }).click();
  await expect(page.getByText(/Opened "Receipt total/)).toBeVisible();
  const count = (await studio.state()).nodeCount;
  expect(count).toBeGreaterThanOrEqual(4);
  await studio.tab('Run').click();
  await expect(page.getByTestId('run-model-label')).toHaveText('Simulated model (offline)');
  await page.getByTestId('run-forward').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done');
  const outputs = studio.canvas.getByTestId('node-output');
  await expect(outputs).toHaveCount(count);
  for (const out of await outputs.all()) await expect(out).toHaveAttribute('data-status', 'ok');
  expect(studio.errors).toEqual([]);
});
