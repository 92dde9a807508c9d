import { expect, test } from '@playwright/test';
import { OptimizePage } from '../pages/optimize';

test('GEPA from the studio repairs a gallery example and shows its candidates, frontier and diff', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const o = new OptimizePage(page);
  await o.openFixture(/^Chain3 receipt — broken-1/);
  const before = await o.prompts();
  await o.openPanel();
  await o.panel.getByLabel('Algorithm').selectOption({ label: 'GEPA (reflective evolution)' });
  // GEPA's own settings replace the backward methods' gate and decision controls.
  await expect(o.panel.getByLabel('Max candidates')).toHaveValue('50');
  await expect(o.panel.getByText('Gate updates')).toHaveCount(0);
  await o.panel.getByLabel('Max candidates').fill('6');
  await o.start({ iterations: 6, seed: 1 });
  expect(await o.playToEnd()).toBe('done');
  await o.studio.flush();

  const pool = page.getByTestId('gepa-candidates');
  await expect(pool).toBeVisible();
  const rows = pool.getByTestId('gepa-candidate');
  expect(await rows.count()).toBeGreaterThan(1);
  const best = pool.locator('[data-testid="gepa-candidate"][data-best="true"]');
  await expect(best).toHaveCount(1);
  await expect(best).toHaveAttribute('data-frontier', 'true');
  await expect(best.getByTestId('gepa-candidate-score')).toHaveText('100.0%');
  const bestId = await best.getAttribute('data-id');
  await expect(pool.getByTestId('gepa-diff')).toHaveAttribute('data-id', bestId ?? '');

  // GEPA walks no graph backward: no blame legend on the canvas.
  await expect(page.getByTestId('blame-legend')).toHaveCount(0);
  // The run's result (the best candidate) is in the open workflow, and only changed prompts moved.
  const after = await o.prompts();
  expect(after).not.toEqual(before);
  await page.setViewportSize({ width: 1440, height: 900 });
  await pool.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'e2e/.output/optimize-gepa-1440.png' });
  // Picking the seed row shows the starting prompts, without a diff.
  await rows.first().getByRole('button').click();
  await expect(pool.getByTestId('gepa-diff')).toHaveAttribute('data-id', '0');
  await expect(pool.getByTestId('gepa-diff')).toContainText('the starting prompts');
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.screenshot({ path: 'e2e/.output/optimize-gepa-1024.png' });
  expect(o.studio.errors).toEqual([]);
});
