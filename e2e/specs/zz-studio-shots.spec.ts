import { expect, type Page, test } from '@playwright/test';
import { OptimizePage } from '../pages/optimize';

const OUT = '/tmp/shots-studio';
async function sideways(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.getElementById('side-panel');
    if (!el) return 'none';
    const right = el.getBoundingClientRect().right;
    const wide = [...el.querySelectorAll('*')]
      .filter((c) => c.getBoundingClientRect().right > right + 1)
      .slice(0, 4)
      .map(
        (c) =>
          `${c.tagName}.${String(c.className).slice(0, 60)}@${Math.round(c.getBoundingClientRect().width)}`,
      );
    return `${el.scrollWidth}/${el.clientWidth} ${wide.join(' | ')}`;
  });
}

for (const size of [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
]) {
  test(`shots ${size.width}`, async ({ page }) => {
    test.setTimeout(300_000);
    const o = new OptimizePage(page);
    await o.openFixture(/^Chain3 receipt — broken-1/);
    await page.setViewportSize(size);
    const w = size.width;
    const log: Record<string, string> = {};
    const shot = async (name: string) => {
      log[name] = await sideways(page);
      await page.screenshot({ path: `${OUT}/${name}-${w}.png` });
    };
    await page.getByRole('button', { name: 'Fit', exact: true }).click();
    await shot('canvas');
    await page.keyboard.press('ControlOrMeta+k');
    await page.keyboard.type('mo');
    await shot('palette');
    await page.keyboard.press('Escape');
    await o.studio.tab('Dataset').click();
    await shot('dataset');
    await o.studio.tab('Problems').click();
    await shot('problems');
    await o.studio.tab('Run').click();
    await page.getByRole('radio', { name: /First/ }).check();
    await page.getByLabel('Number of examples').fill('6');
    await page.getByTestId('run-forward').click();
    await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
    await shot('run-grid');
    await o.studio.node('answer').click();
    await o.studio.tab('Inspector').click();
    await shot('inspector');
    await o.openPanel();
    await o.start({ iterations: 2, batchSize: 3, seed: 7 });
    await o.control('Run to end of pass');
    await o.control('Run to end of pass');
    await shot('optimize');
    const views = o.panel.locator('details').filter({ hasText: 'Curves, calls' });
    if ((await views.count()) > 0) {
      await views.locator('summary').first().click();
      await page.getByTestId('metric-curves').scrollIntoViewIfNeeded();
      await page.waitForTimeout(500);
      await shot('curves');
    }
    await page.getByRole('button', { name: 'Examples' }).click();
    await shot('gallery');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Projects' }).click();
    await shot('projects');
    console.log(w, JSON.stringify(log));
  });
}
