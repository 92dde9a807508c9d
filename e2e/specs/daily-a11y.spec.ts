import { expect, test } from '@playwright/test';
import { seriousViolations } from '../pages/axe';
import { OptimizePage } from '../pages/optimize';

// The same views at both sizes the studio is designed for: at 1024x700 the side panel, the
// toolbars and the dialogs lay out differently, so they are checked there too.
for (const size of [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
]) {
  test(`main views at ${size.width}x${size.height}: no serious or critical axe violation`, async ({
    page,
  }) => {
    test.setTimeout(400_000);
    const o = new OptimizePage(page);
    await o.openFixture(/^Chain3 receipt — broken-1/);
    await page.setViewportSize(size);
    // The fixture opened fitted to a wider page: fit it to this one, as a person who resized would.
    await page.getByRole('button', { name: 'Fit', exact: true }).click();
    const shot = (name: string) => page.screenshot({ path: `e2e/.output/daily-${name}-${size.width}.png` });
    const found: Record<string, string[]> = {};

    await shot('canvas');
    found.canvas = await seriousViolations(page);

    await o.studio.tab('Run').click();
    await page.getByRole('radio', { name: /First/ }).check();
    await page.getByLabel('Number of examples').fill('6');
    await page.getByTestId('run-forward').click();
    await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done');
    await page.getByTestId('eval-row').first().click();
    await shot('run-grid');
    found.run = await seriousViolations(page);

    await o.studio.node('answer').click();
    await o.studio.tab('Inspector').click();
    await expect(page.getByTestId('loss-preview')).toBeVisible();
    await shot('inspector-loss');
    found.inspector = await seriousViolations(page);

    await o.openPanel();
    await o.start({ iterations: 2, batchSize: 3, seed: 7 });
    await o.control('Step');
    await o.panel.getByRole('button', { name: 'Abort' }).click();
    await expect(page.getByTestId('resume-banner')).toBeVisible();
    await shot('optimize-aborted');
    found.optimize = await seriousViolations(page);

    // The run views under the Optimize panel: curves, call log, final prompts and export.
    await o.panel.getByText('Curves, calls, final prompts and export').click();
    await expect(o.panel.getByTestId('metric-curves')).toBeVisible();
    await shot('optimize-run-views');
    found.runViews = await seriousViolations(page);

    await page.getByRole('button', { name: 'Examples' }).click();
    await shot('gallery');
    found.gallery = await seriousViolations(page);
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Projects' }).click();
    await shot('projects');
    found.projects = await seriousViolations(page);
    await page.keyboard.press('Escape');

    await page.getByTestId('experiments-button').click();
    await expect(page.getByTestId('experiments-dialog')).toBeVisible();
    await shot('experiments');
    found.experiments = await seriousViolations(page);
    await page.keyboard.press('Escape');

    await o.studio.openModels();
    await shot('settings');
    found.settings = await seriousViolations(page);
    await page.keyboard.press('Escape');

    console.log(JSON.stringify(found, null, 1));
    expect(found).toEqual({
      canvas: [],
      run: [],
      inspector: [],
      optimize: [],
      runViews: [],
      gallery: [],
      projects: [],
      experiments: [],
      settings: [],
    });
  });
}

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
