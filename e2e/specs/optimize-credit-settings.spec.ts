import { expect, test } from '@playwright/test';
import { OptimizePage } from '../pages/optimize';

// Issue #16: the backward step (weighed / faithful) and the counterfactual check (auto / on / off)
// are set in the Optimize form, counted in the preflight, carried into the run's settings and its
// report, and shown again when the run is resumed.
test('the backward step and the counterfactual check: set in the form, in the preflight, the report and a resumed run', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  const o = new OptimizePage(page);
  await o.openFixture(/^Chain3 receipt — broken-1/);
  await o.openPanel();
  const backward = o.panel.getByLabel('Backward step');
  const check = o.panel.getByLabel('Counterfactual check');
  const checkCalls = o.panel.getByTestId('preflight-counterfactual');
  await expect(backward).toHaveValue('weighed');
  await expect(check).toHaveValue('auto');

  // The simulator answers, so "auto" checks: the preflight counts those calls, "off" drops them.
  await expect(checkCalls).toContainText(/up to \d+ calls check proposals/);
  const withCheck = Number(await o.panel.getByTestId('preflight-calls').textContent());
  await check.selectOption('off');
  await expect(checkCalls).toHaveCount(0);
  await expect(o.panel.getByTestId('preflight-calls')).not.toHaveText(String(withCheck));
  const withoutCheck = Number(await o.panel.getByTestId('preflight-calls').textContent());
  expect(withoutCheck).toBeLessThan(withCheck);
  await check.selectOption('on');
  await expect(checkCalls).toBeVisible();
  await expect(o.panel.getByTestId('preflight-calls')).toHaveText(String(withCheck));

  // TextGrad has no backward mode: the control goes; the choice stays for the other methods.
  await backward.selectOption('faithful');
  await o.panel.getByLabel('Algorithm').selectOption({ label: 'TextGrad' });
  await expect(backward).toHaveCount(0);
  await expect(check).toHaveValue('on');
  await o.panel.getByLabel('Algorithm').selectOption({ label: 'GTBP (target backprop)' });
  await expect(backward).toHaveValue('faithful');

  await page.screenshot({ path: 'e2e/.output/optimize-credit-form-1440.png' });
  await page.setViewportSize({ width: 1024, height: 700 });
  await backward.scrollIntoViewIfNeeded();
  await expect(backward).toBeVisible();
  await page.screenshot({ path: 'e2e/.output/optimize-credit-form-1024.png' });
  await page.setViewportSize({ width: 1440, height: 900 });

  // A run with both set, interrupted after its first backward pass and resumed.
  await o.start({ iterations: 2, batchSize: 4, seed: 3 });
  await o.control('Run to end of pass');
  const banner = await o.reloadToResumeBanner();
  await banner.getByRole('button', { name: 'Resume' }).click();
  await o.openPanel();
  await expect(o.panel.getByLabel('Backward step')).toHaveValue('faithful');
  await expect(o.panel.getByLabel('Counterfactual check')).toHaveValue('on');
  expect(await o.playToEnd()).toBe('done');

  const report = JSON.parse(await o.exportText('Report (JSON)')) as {
    settings: { backwardMode?: string; counterfactual?: string };
  };
  expect(report.settings).toMatchObject({ backwardMode: 'faithful', counterfactual: 'on' });
  const md = await o.exportText('Report (Markdown)');
  expect(md).toContain('- Credit: backward step `faithful`, counterfactual check `on`');
  expect(o.studio.errors).toEqual([]);
});
