/**
 * Storage pressure: when IndexedDB refuses the run's writes (quota exceeded) in the middle of an
 * optimization, the run pauses with a message instead of going on with records that are silently
 * dropped; the studio stays usable.
 */
import { expect, test } from '@playwright/test';
import { OptimizePage } from '../pages/optimize';

test('a run whose IndexedDB writes fail pauses with a message', async ({ page }) => {
  test.setTimeout(120_000);
  const o = new OptimizePage(page);
  await o.openFixture(/^Chain3 receipt — broken-1/);
  await o.openPanel();
  await o.start({ algorithm: 'gtbp', iterations: 2, batchSize: 4, seed: 3 });
  await o.control('Step');

  // From now on every write to the run's tables fails the way a full disk makes it fail.
  await page.evaluate(() => {
    const runTables = new Set(['runs', 'runEvents', 'events', 'calls', 'checkpoints']);
    for (const method of ['put', 'add'] as const) {
      const original = IDBObjectStore.prototype[method];
      IDBObjectStore.prototype[method] = function (this: IDBObjectStore, ...args: [unknown, IDBValidKey?]) {
        if (runTables.has(this.name))
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return original.apply(this, args);
      };
    }
  });
  await o.panel.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(o.meter).not.toHaveAttribute('data-status', 'running', { timeout: 30_000 });
  expect(await o.status()).toBe('paused');
  await expect(page.getByTestId('optimize-message')).toContainText(/Could not save the run.*quota/i);

  // The studio still edits.
  const before = (await o.studio.state()).nodeCount;
  await o.studio.addNode('llm');
  await expect.poll(async () => (await o.studio.state()).nodeCount).toBe(before + 1);
});
