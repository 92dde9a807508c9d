import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { RECEIPT_EXAMPLE, StudioPage } from '../pages/studio';

test('export -> delete -> import restores the workflow and its dataset; the file holds no API key', async ({
  page,
}, info) => {
  await page.setViewportSize({ width: 1600, height: 900 });
  const studio = new StudioPage(page);
  await studio.open();
  await studio.openExample(RECEIPT_EXAMPLE);
  const datasetSize = (await studio.state()).datasetSize;
  expect(datasetSize).toBeGreaterThan(0);

  // Configure a real provider with a key: it must stay in this browser.
  await studio.openModels();
  await page.getByLabel('Forward model provider').selectOption('openai');
  await page.getByLabel('Forward model API key').fill('sk-test-SECRET-123');
  await page.keyboard.press('Escape');
  const original = await studio.workflow();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export' }).click();
  await page.getByRole('menuitem', { name: 'Workflow + dataset' }).click();
  const file = info.outputPath('export.backflow.json');
  await (await download).saveAs(file);
  const text = readFileSync(file, 'utf8');
  expect(text).not.toContain('sk-test-SECRET');
  expect(JSON.parse(text)).toMatchObject({ format: 'backflow.bundle', version: 1, dataset: { dataset: {} } });

  await page.getByRole('button', { name: 'Projects' }).click();
  const row = page.getByTestId('project-row').filter({ hasText: 'Receipt total' });
  await row.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByTestId('project-row').filter({ hasText: 'Receipt total' })).toHaveCount(0);
  await page.keyboard.press('Escape');

  await page.getByTestId('import-workflow-input').setInputFiles(file);
  await expect(
    page.getByText(`Imported "Receipt total (chain of 3)" with ${datasetSize} examples.`),
  ).toBeVisible();
  expect(await studio.workflow()).toEqual(original);
  expect((await studio.state()).datasetSize).toBe(datasetSize);
  expect(studio.errors).toEqual([]);
});
