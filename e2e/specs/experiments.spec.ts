import { readFile } from 'node:fs/promises';
import { expect, type Page, test } from '@playwright/test';
import { OptimizePage } from '../pages/optimize';

/** Saves what an export button offers and returns its text. */
async function exported(page: Page, button: string): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('experiment-export').getByRole('button', { name: button }).click(),
  ]);
  return readFile((await download.path())!, 'utf8');
}

test('a 2-arm x 2-seed grid runs on the simulator, resumes after a reload mid-grid, and exports', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const o = new OptimizePage(page);
  const studio = o.studio;
  // A broken variant, so the arms have something to repair and the runs go past their baseline.
  await o.openFixture(/^Chain3 receipt — broken-1/);
  await page.getByTestId('experiments-button').click();
  const dialog = page.getByTestId('experiments-dialog');
  await expect(dialog.getByTestId('experiment-data')).toContainText('test examples');
  // Two arms (semantic backprop and TextGrad, ticked by default), two seeds, two iterations.
  await expect(dialog.getByTestId('arm-sembp')).toBeChecked();
  await expect(dialog.getByTestId('arm-textgrad')).toBeChecked();
  await dialog.getByTestId('experiment-seeds').fill('2');
  await dialog.getByTestId('experiment-iterations').fill('2');
  const preflight = dialog.getByTestId('experiment-preflight');
  await expect(preflight).toContainText('Preflight: 4 runs, at most');
  expect(Number(await preflight.getAttribute('data-calls'))).toBeGreaterThan(0);
  // A call budget stops the grid cleanly part of the way through (the simulator is deterministic,
  // so it stops at the same unit every time), with the run in progress checkpointed.
  await dialog.getByTestId('experiment-max-calls').fill('60');
  await dialog.getByTestId('experiment-start').click();
  const status = dialog.getByTestId('experiment-status');
  const progress = dialog.getByTestId('experiment-progress');
  await expect(progress).toHaveAttribute('data-total', '4');
  await expect(status).toHaveAttribute('data-status', 'budgetExhausted', { timeout: 90_000 });
  const stoppedAt = Number(await progress.getAttribute('data-done'));
  expect(stoppedAt).toBeLessThan(4);

  // A reload mid-grid: everything the grid did is read back from IndexedDB.
  await page.reload();
  await studio.open();
  await page.getByTestId('experiments-button').click();
  await expect(status).toHaveAttribute('data-status', 'budgetExhausted');
  await expect(status).toContainText('stopped by the budget');
  await expect(progress).toHaveAttribute('data-done', String(stoppedAt));
  const runs = dialog.getByTestId('experiment-runs');
  await expect(runs.locator('tr[data-status="done"]')).toHaveCount(stoppedAt);
  await expect(runs.locator('tr[data-status="pending"]')).toHaveCount(4 - stoppedAt);

  // Resume without a limit: the finished runs stay, the checkpointed one goes on, the rest run.
  await dialog.getByTestId('experiment-resume-calls').fill('');
  await dialog.getByTestId('experiment-resume').click();
  await expect(status).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
  await expect(progress).toHaveAttribute('data-done', '4');
  await expect(dialog.getByTestId('experiment-arms').locator('tbody tr')).toHaveCount(2);
  await expect(dialog.getByTestId('experiment-comparisons').locator('tbody tr')).toHaveCount(1);
  await expect(dialog.getByTestId('experiment-chart')).toBeVisible();

  const json = JSON.parse(await exported(page, 'Results (JSON)'));
  expect(json).toMatchObject({ format: 'backflow.experiment', version: 1, simulated: true, stopped: null });
  expect(json.runs.map((r: { arm: string; seed: number }) => `${r.arm}@${r.seed}`)).toEqual([
    'sembp@1',
    'sembp@2',
    'textgrad@1',
    'textgrad@2',
  ]);
  expect(json.summary.comparisons).toHaveLength(1);
  const markdown = await exported(page, 'Report (Markdown)');
  expect(markdown).toContain('Simulated model (offline)');
  expect(markdown).toContain('## Paired tests on the test split');
  expect(markdown).toContain('](curves.svg)');
  const svg = await exported(page, 'Chart (SVG)');
  expect(svg).toContain('<svg');
  expect(svg).toContain('sembp (2)');
  expect(studio.errors).toEqual([]);
});
