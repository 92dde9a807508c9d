import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { StudioPage } from '../pages/studio';

const chain = JSON.parse(readFileSync(new URL('../fixtures/chain-a-b.json', import.meta.url), 'utf8'));

test('a connection that would close a cycle is refused with the reason', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 900 });
  const studio = new StudioPage(page);
  await studio.open();
  await studio.loadWorkflow(chain);
  await expect(studio.nodes()).toHaveCount(4);
  await studio.connect(studio.sourceHandle('b'), studio.targetHandle('a'));
  await expect(page.getByRole('alert')).toContainText('would close a cycle ("a" → "b" → "a")');
  expect((await studio.state()).edgeCount).toBe(3);
  expect(studio.errors).toEqual([]);
});
