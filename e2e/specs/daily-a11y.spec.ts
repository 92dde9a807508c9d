import { expect, test } from '@playwright/test';
import { seriousViolations } from '../pages/axe';
import { OptimizePage } from '../pages/optimize';

/**
 * The two sizes the studio is designed for: at 1024x700 the side panel, the toolbars and the
 * dialogs lay out differently.
 */
const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
] as const;

test('main views at 1440x900 and 1024x700, light and dark: no serious or critical axe violation', async ({
  page,
}) => {
  test.setTimeout(600_000);
  const o = new OptimizePage(page);
  await o.openFixture(/^Chain3 receipt — broken-1/);
  const found: Record<string, string[]> = {};
  // Each view is checked at both sizes, in the state the steps before left it in; the smaller
  // size goes first, so the steps are taken at 1440x900. `fit`: the canvas is fitted to each
  // size, as a person who resized the window would.
  const check = async (
    name: string,
    options: { fit?: boolean; theme?: 'dark'; sizes?: readonly (typeof SIZES)[number][] } = {},
  ) => {
    for (const size of [...(options.sizes ?? SIZES)].reverse()) {
      await page.setViewportSize(size);
      if (options.fit) await page.getByRole('button', { name: 'Fit', exact: true }).click();
      const label = `${name}${options.theme ? `-${options.theme}` : ''}-${size.width}`;
      await page.screenshot({ path: `e2e/.output/daily-${label}.png` });
      found[label] = await seriousViolations(page);
    }
  };

  await check('canvas', { fit: true });

  await o.studio.tab('Run').click();
  await page.getByRole('radio', { name: /First/ }).check();
  await page.getByLabel('Number of examples').fill('6');
  await page.getByTestId('run-forward').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done');
  await page.getByTestId('eval-row').first().click();
  await check('run-grid');

  await o.studio.node('answer').click();
  await o.studio.tab('Inspector').click();
  await expect(page.getByTestId('loss-preview')).toBeVisible();
  await check('inspector-loss');

  await o.openPanel();
  await o.start({ iterations: 2, batchSize: 3, seed: 7 });
  await o.control('Step');
  await o.panel.getByRole('button', { name: 'Abort' }).click();
  await expect(page.getByTestId('resume-banner')).toBeVisible();
  await check('optimize-aborted');

  // The run views under the Optimize panel: curves, call log, final prompts and export.
  await o.panel.getByText('Curves, calls, final prompts and export').click();
  await expect(o.panel.getByTestId('metric-curves')).toBeVisible();
  await check('optimize-run-views');

  await page.getByRole('button', { name: 'Examples' }).click();
  await check('gallery');
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Projects' }).click();
  await check('projects');
  await page.keyboard.press('Escape');

  await page.getByTestId('experiments-button').click();
  await expect(page.getByTestId('experiments-dialog')).toBeVisible();
  await check('experiments');
  await page.keyboard.press('Escape');

  await o.studio.openModels();
  await check('settings');
  await page.keyboard.press('Escape');

  // The dark theme (at the smaller size only: axe is slow on a shared machine): the canvas, the
  // Optimize panel with its run views, and the Models dialog.
  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  await check('optimize-run-views', { theme: 'dark', sizes: [SIZES[1]] });
  await o.studio.openModels();
  await check('settings', { theme: 'dark', sizes: [SIZES[1]] });
  await page.keyboard.press('Escape');

  console.log(JSON.stringify(found, null, 1));
  expect(Object.keys(found)).toHaveLength(20);
  expect(Object.entries(found).filter(([, violations]) => violations.length > 0)).toEqual([]);
});

test('an empty canvas counts no problems; a clicked node opens the Inspector; the panel is a tabpanel', async ({
  page,
}) => {
  const o = new OptimizePage(page);
  await page.setViewportSize({ width: 1024, height: 700 });
  await o.studio.open();
  await expect(o.studio.nodes()).toHaveCount(0);
  await expect(page.getByRole('tab', { name: 'Problems', exact: true })).toBeVisible();
  await o.studio.tab('Problems').click();
  await expect(page.getByRole('tabpanel', { name: 'Problems' })).toBeVisible();
  await o.studio.addNode('llm');
  await expect(page.getByRole('tab', { name: /^Problems\s*\d+$/ })).toBeVisible();
  // At 1024 px the canvas is too narrow for a minimap over it.
  await expect(o.studio.canvas.locator('.react-flow__minimap')).toBeHidden();
  await o.studio.tab('Problems').click();
  await o.studio.nodes().first().click();
  await expect(page.getByRole('tabpanel', { name: 'Inspector' })).toBeVisible();
  await expect(page.getByTestId('inspector')).toBeVisible();

  // Zoom buttons beside Fit.
  const viewport = o.studio.canvas.locator('.react-flow__viewport');
  const scale = async () => Number((await viewport.getAttribute('style'))?.match(/scale\(([\d.]+)\)/)?.[1]);
  const before = await scale();
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await expect.poll(scale).toBeGreaterThan(before);
  const zoomed = await scale();
  await page.getByRole('button', { name: 'Zoom out' }).click();
  await expect.poll(scale).toBeLessThan(zoomed);
});
