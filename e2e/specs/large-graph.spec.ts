import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { StudioPage } from '../pages/studio';

const large = JSON.parse(readFileSync(new URL('../fixtures/large-500.json', import.meta.url), 'utf8'));

test('a 500-node / 700-edge workflow opens and pans without errors', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 900 });
  const studio = new StudioPage(page);
  await studio.open();
  await studio.loadWorkflow(large);
  expect(await studio.state()).toMatchObject({ nodeCount: 500, edgeCount: 700 });
  await expect(studio.nodes()).toHaveCount(500);
  const viewport = studio.canvas.locator('.react-flow__viewport');
  const before = await viewport.getAttribute('style');
  const box = await studio.canvas.boundingBox();
  if (!box) throw new Error('no canvas');
  // Pan by dragging an empty spot of the pane (bottom-left, below the graph after fit view).
  const start = { x: box.x + 40, y: box.y + box.height - 40 };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(start.x + i * 30, start.y - i * 20);
  await page.mouse.up();
  await expect.poll(() => viewport.getAttribute('style')).not.toBe(before);
  expect(studio.errors).toEqual([]);
});

test('zoomed out, a large graph is drawn in low detail without the minimap; zoomed in, both come back', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1600, height: 900 });
  const studio = new StudioPage(page);
  await studio.open();
  await studio.loadWorkflow(large);
  await expect(studio.nodes()).toHaveCount(500);
  const flow = studio.canvas.locator('.react-flow');
  // Fit view puts 500 nodes well below zoom 0.4.
  await expect(flow).toHaveClass(/bf-low-detail/);
  await expect(studio.canvas.locator('.react-flow__minimap')).toHaveCount(0);
  const box = await studio.canvas.boundingBox();
  if (!box) throw new Error('no canvas');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 40 && /bf-low-detail/.test((await flow.getAttribute('class')) ?? ''); i++) {
    await page.mouse.wheel(0, -300);
  }
  await expect(flow).not.toHaveClass(/bf-low-detail/);
  await expect(studio.canvas.locator('.react-flow__minimap')).toBeVisible();
  expect(studio.errors).toEqual([]);
});
