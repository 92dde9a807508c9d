/**
 * A key planted in Settings is used for the model calls and found nowhere else: not in the exported
 * files, not in any URL the page visited or requested, not in the console, and not in any IndexedDB
 * table but `settings` (runs, events, the call log, checkpoints, workflows, datasets).
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { createSimulatedModel } from '../../packages/sim/src/index.ts';
import { startSimServer } from '../../packages/sim/src/server/index.ts';
import { RECEIPT_EXAMPLE, StudioPage } from '../pages/studio';

const PLANTED_KEY = 'sk-planted-STUDIO-3c9e1a7f55d04b28';

test('a planted API key never leaves the settings table', async ({ page }, info) => {
  // The server refuses requests without the key, so a run that succeeds really sent it.
  const server = await startSimServer({ model: createSimulatedModel({ seed: 0 }), apiKey: PLANTED_KEY });
  try {
    await page.setViewportSize({ width: 1600, height: 900 });
    const places: [string, string][] = [];
    page.on('console', (m) => places.push(['console', m.text()]));
    page.on('framenavigated', (f) => places.push(['navigation', f.url()]));
    page.on('request', (r) => places.push(['request url', r.url()]));
    const studio = new StudioPage(page);
    await studio.open();
    await studio.openExample(RECEIPT_EXAMPLE);

    await studio.useEndpoints({ Forward: { baseURL: server.baseURL, apiKey: PLANTED_KEY } });

    await studio.tab('Run').click();
    await page.getByTestId('run-forward').click();
    await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
    const answered = server.log.filter((e) => e.path.endsWith('/chat/completions') && e.status === 200);
    expect(answered.length).toBeGreaterThan(0);
    expect(server.log.some((e) => e.status === 401)).toBe(false);
    await studio.flush();

    for (const [item, name] of [
      [/^Workflow only/, 'workflow.json'],
      [/^Workflow \+ dataset/, 'bundle.json'],
    ] as const) {
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Export' }).click();
      await page.getByRole('menuitem', { name: item }).click();
      const file = info.outputPath(name);
      await (await download).saveAs(file);
      places.push([`export ${name}`, readFileSync(file, 'utf8')]);
    }

    // Every IndexedDB table except `settings`, as text.
    const tables: Record<string, string> = await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('backflow');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const out: Record<string, string> = {};
      for (const name of Array.from(db.objectStoreNames)) {
        const rows = await new Promise<unknown[]>((resolve, reject) => {
          const req = db.transaction(name).objectStore(name).getAll();
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
        out[name] = JSON.stringify(rows);
      }
      db.close();
      return out;
    });
    expect(tables.settings).toContain(PLANTED_KEY); // the one place it belongs
    for (const [name, text] of Object.entries(tables))
      if (name !== 'settings') places.push([`idb ${name}`, text]);
    places.push(['page url', page.url()]);
    places.push(['history', String(await page.evaluate(() => history.length))]);

    expect(places.length).toBeGreaterThan(5);
    expect(places.filter(([, text]) => text.includes(PLANTED_KEY)).map(([where]) => where)).toEqual([]);
    expect(studio.errors).toEqual([]);
  } finally {
    await server.close();
  }
});
