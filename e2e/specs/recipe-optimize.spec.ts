import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { seriousViolations } from '../pages/axe';
import { OptimizePage } from '../pages/optimize';

// The real BBH object_counting subset of ../shared/datasets (never copied into the project).
const shared = (path: string) => resolve('..', 'shared', 'datasets', path);

test('a recipe opened with its data fills the Optimize form, holds its test split out and scores it once at the end', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const o = new OptimizePage(page);
  await page.setViewportSize({ width: 1440, height: 900 });
  await o.studio.open();
  await page.getByRole('button', { name: 'Examples' }).click();
  const dialog = page.getByTestId('gallery-dialog');
  await dialog.getByText('Open a recipe with its data files').click();
  const picker = dialog.getByTestId('recipe-data-textgrad-bbh-object-counting');
  await picker.getByLabel(/: bbh\/object_counting\.json$/).setInputFiles(shared('bbh/object_counting.json'));
  await picker.getByRole('button', { name: 'Open with this data' }).click();
  const toast = page.getByText(/^Opened "TextGrad: BBH object counting" with \d+ examples/);
  await expect(toast).toBeVisible();
  const [, train, val, test_] =
    ((await toast.textContent()) ?? '').match(/(\d+) training, (\d+) validation and (\d+) test examples/) ??
    [];
  const heldOut = Number(test_);
  expect(heldOut).toBeGreaterThan(0);

  // The recipe's settings and the paper's models are the form's defaults (stored with the project).
  await o.openPanel();
  await expect(o.panel.getByLabel('Algorithm')).toHaveValue('textgrad');
  await expect(o.panel.getByTestId('recipe-settings')).toContainText('textgrad-bbh-object-counting');
  await expect(o.panel.getByLabel('Forward model name')).toHaveValue('gpt-3.5-turbo-0125');
  await expect(o.panel.getByLabel('Optimizer model name')).toHaveValue('gpt-4o');
  const note = o.panel.getByTestId('test-score');
  await expect(note).toHaveText(
    `${heldOut} test examples are held out: scored once with the final prompts when the run ends.`,
  );
  // The recipe fixes the train / validation split (the engine's, as the CLI cuts it): the share
  // is disabled, and the note says which examples a run takes.
  const share = o.panel.getByLabel('Validation share');
  await expect(share).toBeDisabled();
  await expect(share).toHaveAccessibleDescription(/^A recipe fixes the split/);
  await expect(o.panel.getByTestId('recipe-split')).toContainText(
    `A recipe fixes the split: a run trains on the ${train} examples labelled train and validates on the ${val} labelled validation, with no share cut again. Opened with the recipe's data files, they are its paper's split (seed 42)`,
  );
  await o.panel.getByTestId('recipe-split').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'e2e/.output/recipe-optimize-form-1440.png' });
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.screenshot({ path: 'e2e/.output/recipe-optimize-form-1024.png' });
  // The recipe's form (the disabled share and its note included) passes axe at this size too.
  expect(await seriousViolations(page)).toEqual([]);
  await page.setViewportSize({ width: 1440, height: 900 });

  // A small run on the simulator: the test split is scored once, after the run, and shown.
  await o.start({ iterations: 1, batchSize: 3 });
  expect(await o.playToEnd(120_000)).toBe('done');
  await expect(note).toHaveAttribute('data-status', 'scored', { timeout: 60_000 });
  const line = (await note.textContent()) ?? '';
  const [, percent, examples, passed] =
    line.match(/^Held-out test: (\d+\.\d)% on (\d+) examples \((\d+) of \d+ pass\), simulated model\.$/) ??
    [];
  expect(Number(examples)).toBe(heldOut);
  expect(Number(percent)).toBeCloseTo((Number(passed) / heldOut) * 100, 0);
  // The run's report carries the same score (report.json's `test`, as the CLI writes it).
  const report = JSON.parse(await o.exportText('Report (JSON)'));
  expect(report.test).toMatchObject({ examples: heldOut, passed: Number(passed), simulated: true });
  // It trained and validated on the recipe's own split, not on a share cut again.
  expect([report.data.trainExamples, report.data.valExamples]).toEqual([Number(train), Number(val)]);
  expect(o.studio.errors).toEqual([]);
});
