import { expect, test } from '@playwright/test';

test('the built studio opens on an empty canvas', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Backflow' })).toBeVisible();
  const canvas = page.getByTestId('canvas');
  await expect(canvas.locator('.react-flow__pane')).toBeVisible();
  await expect(canvas.locator('.react-flow__node')).toHaveCount(0);
  expect(errors).toEqual([]);
});
