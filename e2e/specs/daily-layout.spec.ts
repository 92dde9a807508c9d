import { expect, test } from '@playwright/test';
import { OptimizePage } from '../pages/optimize';

test('at 1024x700: toolbars apart, no minimap, a one-line legend, no sideways scroll; the chart legend is styled', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const o = new OptimizePage(page);
  await o.openFixture(/^Chain3 receipt — broken-1/);
  await page.setViewportSize({ width: 1024, height: 700 });
  const canvas = o.studio.canvas;
  const add = await page.getByRole('toolbar', { name: 'Add node' }).boundingBox();
  const commands = await page.getByRole('toolbar', { name: 'Canvas commands' }).boundingBox();
  if (!add || !commands) throw new Error('toolbars not visible');
  expect(add.x + add.width).toBeLessThan(commands.x);
  await expect(page.getByTestId('open-palette')).toBeVisible();
  await expect(canvas.locator('.react-flow__minimap')).toBeHidden();

  await o.openPanel();
  await o.start({ iterations: 1, batchSize: 3, seed: 7 });
  await o.control('Run to end of pass');
  const legend = await page.getByTestId('blame-legend').boundingBox();
  const canvasBox = await canvas.boundingBox();
  if (!legend || !canvasBox) throw new Error('legend not visible');
  // Small beside the canvas: under 6% of its area (it was a 250x110 box on a 624x656 canvas).
  expect((legend.width * legend.height) / (canvasBox.width * canvasBox.height)).toBeLessThan(0.06);

  await o.playToEnd(120_000);
  const views = o.panel.locator('details').filter({ hasText: 'Curves, calls' });
  await views.locator('summary').first().click();
  await expect(page.getByTestId('call-row').first()).toBeVisible();
  const legendItems = page.getByTestId('chart-legend').getByRole('listitem');
  await expect(legendItems).toHaveText([/train/, /validation/, /cost/]);
  await expect(page.getByTestId('chart-legend')).toHaveCSS('display', 'flex');
  const sideways = await page.evaluate(() => {
    const el = document.getElementById('side-panel');
    return el ? el.scrollWidth - el.clientWidth : -1;
  });
  expect(sideways).toBe(0);
  expect(o.studio.errors).toEqual([]);
});
