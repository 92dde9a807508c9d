import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { StudioPage } from '../pages/studio';

const GSM8K = fileURLToPath(new URL('../../../shared/datasets/gsm8k/test-200.jsonl', import.meta.url));
test.skip(
  !process.env.SHOTS,
  'screenshots for a person to look at: SHOTS=1 pnpm exec playwright test screenshots',
);

test('screenshots of the main panels', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const studio = new StudioPage(page);
  await studio.open();
  await page.getByRole('button', { name: 'Examples' }).click();
  await page.screenshot({ path: 'e2e/.output/gallery.png' });
  await page.getByRole('button', { name: /^Diamond spread\s*Runs/ }).click();
  await expect(studio.nodes().first()).toBeVisible();
  await studio.tab('Run').click();
  await page.getByTestId('run-forward').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done');
  await page.screenshot({ path: 'e2e/.output/run-light.png' });
  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  await studio.nodes().nth(2).click();
  await studio.tab('Inspector').click();
  await page.screenshot({ path: 'e2e/.output/dark-run.png' });
  await studio.tab('Dataset').click();
  await page.getByTestId('dataset-file-input').setInputFiles(GSM8K);
  await page.screenshot({ path: 'e2e/.output/mapping.png' });
  await page.getByRole('button', { name: /^(Import|Replace with) 200/ }).click();
  await studio.tab('Problems').click();
  await page.screenshot({ path: 'e2e/.output/problems.png' });
  await studio.openModels();
  await page.screenshot({ path: 'e2e/.output/settings.png' });
});
