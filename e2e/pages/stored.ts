/**
 * What the studio keeps in IndexedDB, read (and, for recovery specs, written) with the raw
 * IndexedDB API from the page, never through the studio's own code.
 */
import type { Page } from '@playwright/test';

/** Every IndexedDB table the studio keeps documents in, as text (settings excluded: UI state). */
export async function storedDocuments(page: Page): Promise<Record<string, string>> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('backflow');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const out: Record<string, string> = {};
    for (const name of ['workflows', 'datasets', 'runs', 'calls', 'quarantine']) {
      if (!db.objectStoreNames.contains(name)) continue;
      const rows = await new Promise<unknown[]>((resolve, reject) => {
        const req = db.transaction(name).objectStore(name).getAll();
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      // updatedAt moves when the open project is re-saved unchanged; compare the content.
      out[name] = JSON.stringify(rows, (key, value) => (key === 'updatedAt' ? undefined : value));
    }
    db.close();
    return out;
  });
}

/** Writes `rows` straight into the IndexedDB table `table` (what an older build or a hand edit could leave). */
export async function plantRows(page: Page, table: string, rows: unknown[]): Promise<void> {
  await page.evaluate(
    async ({ table, rows }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('backflow');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction(table, 'readwrite');
        for (const row of rows) tx.objectStore(table).put(row);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { table, rows },
  );
}

/** Every row of the IndexedDB table `table`, read with the raw API. */
export async function storedRows(page: Page, table: string): Promise<Record<string, unknown>[]> {
  return page.evaluate(async (table) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('backflow');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const rows = await new Promise<Record<string, unknown>[]>((resolve, reject) => {
      const req = db.transaction(table).objectStore(table).getAll();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    db.close();
    return rows;
  }, table);
}
