import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { StudioPage } from '../pages/studio';

// The shared datasets sit next to the repository (/work/shared/datasets from /work/main).
const GSM8K = fileURLToPath(new URL('../../../shared/datasets/gsm8k/test-200.jsonl', import.meta.url));

test('import GSM8K JSONL through the mapping step: 200 rows in the table', async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.open();
  await studio.tab('Dataset').click();
  await page.getByTestId('dataset-file-input').setInputFiles(GSM8K);
  const dialog = page.getByTestId('dataset-import-dialog');
  await expect(dialog.getByLabel('Input field question')).toBeChecked();
  await expect(dialog.getByLabel('Target')).toHaveValue('answer');
  await expect(dialog.getByTestId('import-preview')).toContainText('18');
  await dialog.getByRole('button', { name: 'Import 200 examples' }).click();
  await expect(page.getByTestId('dataset-count')).toHaveText('200 examples');
  const table = page.getByTestId('example-table');
  await expect(table).toHaveAttribute('data-rows', '200');
  await expect(table).toContainText('Janet');
  expect((await studio.state()).datasetSize).toBe(200);
  expect(studio.errors).toEqual([]);
});

const LIAR = fileURLToPath(new URL('../../../shared/datasets/liar/test-300.tsv', import.meta.url));

test('drop a header-less TSV (LIAR) on the dataset panel and map its numbered columns', async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.open();
  await studio.tab('Dataset').click();
  const text = readFileSync(LIAR, 'utf8');
  const drop = await page.evaluateHandle((content) => {
    const data = new DataTransfer();
    data.items.add(new File([content], 'test-300.tsv', { type: 'text/tab-separated-values' }));
    return data;
  }, text);
  await page.getByTestId('dataset-dropzone').dispatchEvent('drop', { dataTransfer: drop });
  const dialog = page.getByTestId('dataset-import-dialog');
  const header = dialog.getByLabel('First row holds the column names');
  if (await header.isChecked()) await header.uncheck();
  await expect(dialog).toContainText('300 rows read');
  await dialog.getByLabel('Input field column3').check();
  await dialog.getByLabel('Target').selectOption('column2');
  for (const box of await dialog.getByRole('checkbox', { name: /^Input field / }).all()) {
    if ((await box.getAttribute('aria-label')) !== 'Input field column3' && (await box.isChecked()))
      await box.uncheck();
  }
  await dialog.getByRole('button', { name: 'Import 300 examples' }).click();
  await expect(page.getByTestId('dataset-count')).toHaveText('300 examples');
  expect(studio.errors).toEqual([]);
});
