import { expect, test } from '@playwright/test';
import { OptimizePage } from '../pages/optimize';

// Chain3 receipt, broken-1: extract -> total -> label, and `total` lost its instruction.
test('the blamed node shows why: its examples, and that its update alone fixes them, on the canvas and in the Backward tab', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  const o = new OptimizePage(page);
  await o.openFixture(/^Chain3 receipt — broken-1/);
  await o.openPanel();
  // The simulator answers: "auto" checks proposals counterfactually, and the preflight says so.
  await expect(o.panel.getByTestId('preflight-counterfactual')).toContainText(
    /up to \d+ calls check proposals/,
  );
  await o.start({ algorithm: 'gtbp', iterations: 1, batchSize: 4, seed: 1, pauseForDecisions: true });
  expect(await o.playToEnd()).toBe('awaiting');

  // On the canvas: the culprit's badge says its update alone fixed all of its failing examples.
  const badge = o.studio.node('total').getByTestId('node-blame-badge');
  await expect(badge).toHaveText(/^blame \d\.\d\d · fixes (\d+)\/\1$/);
  const figure = Number((await badge.textContent())?.match(/blame (\d\.\d\d)/)?.[1]);
  await expect(page.getByTestId('blame-legend-badge')).toBeVisible();

  // The Backward tab of the culprit: the same figure, the examples, the counterfactual result.
  await o.studio.node('total').click();
  const backward = o.panel.getByTestId('optimize-backward');
  await expect(backward.getByTestId('node-blame')).toContainText(`blame ${figure.toFixed(2)}`);
  const evidence = backward.getByTestId('blame-evidence');
  await expect(evidence.getByTestId('evidence-asked')).toContainText(/\(\d+ of \d+\)/);
  await expect(evidence.getByTestId('evidence-counterfactual')).toHaveText(
    /^fixes (\d+) of \1 failing example/,
  );
  await evidence.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'e2e/.output/optimize-evidence-1440.png' });

  await page.setViewportSize({ width: 1024, height: 700 });
  await page.getByRole('button', { name: 'Fit', exact: true }).click();
  await evidence.scrollIntoViewIfNeeded();
  await expect(badge).toBeVisible();
  await page.screenshot({ path: 'e2e/.output/optimize-evidence-1024.png' });
  expect(o.studio.errors).toEqual([]);
});
