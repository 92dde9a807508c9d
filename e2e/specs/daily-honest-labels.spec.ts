import { expect, test } from '@playwright/test';
import { OptimizePage } from '../pages/optimize';
import { StudioPage } from '../pages/studio';

test('a run aborted while paused is "stopped (can resume)" in the history, before and after a reload', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const o = new OptimizePage(page);
  await o.openFixture(/^Chain3 receipt — broken-1/);
  await o.openPanel();
  await o.start({ iterations: 2, batchSize: 3, seed: 7 });
  await o.control('Step');
  await o.panel.getByRole('button', { name: 'Abort' }).click();
  await expect(page.getByTestId('resume-banner')).toBeVisible();
  const status = o.panel.getByTestId('run-history-row').first().locator('[data-status]');
  await expect(status).toHaveAttribute('data-status', 'stopped');
  await expect(status).toHaveText('stopped (can resume)');

  await page.reload();
  await o.studio.open();
  await o.openPanel();
  await expect(o.panel.getByTestId('run-history-row').first().locator('[data-status]')).toHaveAttribute(
    'data-status',
    'stopped',
  );
  expect(o.studio.errors).toEqual([]);
});

test('two exports never share a file name: workflow name, what it is, date', async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.openReceiptExample();
  const name = async (item: RegExp) => {
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: item }).click();
    return (await download).suggestedFilename();
  };
  const only = await name(/^Workflow only/);
  const withData = await name(/^Workflow \+ dataset/);
  expect(only).toMatch(/^receipt-total[\w-]*-workflow-\d{4}-\d{2}-\d{2}\.backflow\.json$/);
  expect(withData).toMatch(/^receipt-total[\w-]*-workflow-and-dataset-\d{4}-\d{2}-\d{2}\.backflow\.json$/);
  expect(only).not.toBe(withData);
});

test('the Dataset tab of a new workflow names no path inside the repository', async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.open();
  await page.getByRole('button', { name: 'Projects' }).click();
  await page.getByRole('button', { name: 'New workflow' }).click();
  await studio.tab('Dataset').click();
  const empty = page.getByTestId('dataset-empty');
  await expect(empty).toBeVisible();
  await expect(empty).not.toContainText('../');
  await expect(empty).not.toContainText('shared/');
});
