import { expect, test } from '@playwright/test';
import { OptimizePage } from '../pages/optimize';

test('a budget below the preflight estimate stops at the budget, with a message, everything saved', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const o = new OptimizePage(page);
  await o.openFixture(/^Chain3 receipt — broken-2/);
  await o.openPanel();
  await page.getByLabel('Iterations').fill('3');
  // Without the counterfactual checks (an upper bound for every node's proposal, far above what a
  // run that stops early spends), the estimate is close enough for a third of it to fall short.
  await expect(page.getByTestId('preflight-counterfactual')).toBeVisible();
  await page.getByLabel('Counterfactual check').selectOption('off');
  await expect(page.getByTestId('preflight-counterfactual')).toHaveCount(0);
  const estimate = Number(await page.getByTestId('preflight-calls').textContent());
  const budget = Math.floor(estimate / 3);
  await page.getByLabel('Max calls').fill(String(budget));
  await expect(page.getByTestId('preflight')).toContainText('below this estimate');
  await o.start({});
  expect(await o.playToEnd()).toBe('budget');
  await expect(page.getByTestId('optimize-message')).toContainText(/Stopped at the budget.*saved/);
  const calls = Number((await page.getByTestId('cost-meter').textContent())?.match(/(\d+) calls/)?.[1]);
  expect(calls).toBeGreaterThan(0);
  expect(calls).toBeLessThanOrEqual(budget);
  await page.screenshot({ path: 'e2e/.output/optimize-budget.png' });

  // Everything so far is in IndexedDB: the stored events end with the budget stop.
  const stored = await page.evaluate(async () => {
    const open = indexedDB.open('backflow');
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const all = db.transaction('runEvents').objectStore('runEvents').getAll();
    const rows = await new Promise<{ event: { type: string } }[]>((resolve) => {
      all.onsuccess = () => resolve(all.result);
    });
    const callCount = db.transaction('calls').objectStore('calls').count();
    const n = await new Promise<number>((resolve) => {
      callCount.onsuccess = () => resolve(callCount.result);
    });
    db.close();
    return { types: rows.map((r) => r.event.type), calls: n };
  });
  expect(stored.types).toContain('budgetExhausted');
  expect(stored.calls).toBe(calls);
  // The held-out test split is not scored past the budget, and the panel says why.
  await expect(o.panel.getByTestId('test-score')).toContainText('stopped at its budget');
  expect(o.studio.errors).toEqual([]);
});
