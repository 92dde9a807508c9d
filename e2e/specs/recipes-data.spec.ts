import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { StudioPage } from '../pages/studio';

// The real LIAR subsets of ../shared/datasets (never copied into the project), picked as files.
const shared = (path: string) => resolve('..', 'shared', 'datasets', path);

test("a recipe opens from the gallery with its data: the engine's loaders, the paper's splits, the test split held out", async ({
  page,
}) => {
  const studio = new StudioPage(page);
  await page.setViewportSize({ width: 1600, height: 900 });
  await studio.open();
  await page.getByRole('button', { name: 'Examples' }).click();
  const dialog = page.getByTestId('gallery-dialog');
  await dialog.getByText('Open a recipe with its data files').click();
  const picker = dialog.getByTestId('recipe-data-sembp-liar');
  await picker.getByLabel(/: liar\/train\.tsv$/).setInputFiles(shared('liar/train-300.tsv'));
  await picker.getByLabel(/: liar\/test\.tsv$/).setInputFiles(shared('liar/test-300.tsv'));
  await picker.getByRole('button', { name: 'Open with this data' }).click();
  const toast = page.getByText(/^Opened "Semantic backprop: LIAR" with \d+ examples/);
  await expect(toast).toBeVisible();
  const text = (await toast.textContent()) ?? '';
  const [, total, train, test] =
    text.match(/with (\d+) examples\. (\d+) training, 0 validation and (\d+) test/) ?? [];
  expect(Number(train)).toBeGreaterThan(0);
  expect(Number(test)).toBeGreaterThan(0);
  expect(Number(train) + Number(test)).toBe(Number(total));
  expect((await studio.state()).datasetSize).toBe(Number(total));
  // The Experiments view runs on these splits as they are.
  await page.getByTestId('experiments-button').click();
  await expect(page.getByTestId('experiment-data')).toContainText(
    `${train} training, 0 validation and ${test} test examples.`,
  );
  expect(studio.errors).toEqual([]);
});
