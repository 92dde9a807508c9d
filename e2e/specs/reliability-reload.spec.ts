/**
 * Crash/resume in the studio: one optimization reloaded at 5 seeded points (each resumed from the
 * banner, then stepped further and reloaded again) ends with the prompts of an uninterrupted run,
 * and its IndexedDB records have no duplicates and no gaps.
 */
import { expect, type Page, test } from '@playwright/test';
import { OptimizePage } from '../pages/optimize';

type Doc = { nodes: { id: string; kind: string; systemPrompt?: string }[] };
const promptsOf = (doc: Doc) =>
  Object.fromEntries(doc.nodes.filter((n) => n.kind === 'llm').map((n) => [n.id, n.systemPrompt]));
const settings = { algorithm: 'gtbp' as const, iterations: 2, batchSize: 4, seed: 3 };
const FIXTURE = /^Chain3 receipt — broken-1/;

/** The run's stored event sequence numbers and call ids (the newest run). */
async function storedRecords(page: Page): Promise<{ seqs: number[]; callIds: string[] }> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('backflow');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const all = <T>(name: string) =>
      new Promise<T[]>((resolve, reject) => {
        const req = db.transaction(name).objectStore(name).getAll();
        req.onsuccess = () => resolve(req.result as T[]);
        req.onerror = () => reject(req.error);
      });
    const runs = await all<{ id: string; startedAt: number }>('runs');
    const newest = runs.sort((a, b) => b.startedAt - a.startedAt)[0]?.id;
    const events = (await all<{ runId: string; seq: number }>('runEvents')).filter((e) => e.runId === newest);
    const calls = (await all<{ runId: string; callId: string }>('calls')).filter((c) => c.runId === newest);
    db.close();
    return { seqs: events.map((e) => e.seq).sort((a, b) => a - b), callIds: calls.map((c) => c.callId) };
  });
}

/** mulberry32: the same reload points on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('reload at 5 seeded points, resume each time: same prompts, no duplicate or missing record', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const o = new OptimizePage(page);

  await o.openFixture(FIXTURE);
  await o.openPanel();
  await o.start(settings);
  expect(await o.playToEnd()).toBe('done');
  await o.studio.flush();
  const reference = promptsOf((await o.studio.workflow()) as Doc);

  await page.getByRole('button', { name: 'Examples' }).click();
  await page.getByRole('button', { name: FIXTURE }).click();
  await expect(page.getByText(/^Opened "/).last()).toBeVisible();
  await o.studio.flush();
  await page.reload();
  await o.studio.open();
  await o.openPanel();
  await o.start(settings);

  const random = seeded(7);
  for (let reload = 0; reload < 5; reload++) {
    // 1 to 3 units (seeded) before each reload, so the points fall in forward, backward and update units.
    const steps = 1 + Math.floor(random() * 3);
    for (let i = 0; i < steps && (await o.status()) !== 'done'; i++) await o.control('Step');
    expect(await o.status(), `reload ${reload + 1} came after the end`).not.toBe('done');
    await page.reload();
    await o.studio.open();
    const banner = page.getByTestId('resume-banner');
    await expect(banner).toBeVisible();
    await banner.getByRole('button', { name: 'Resume' }).click();
    await o.openPanel();
  }
  expect(await o.playToEnd()).toBe('done');
  await o.studio.flush();
  expect(promptsOf((await o.studio.workflow()) as Doc)).toEqual(reference);

  const { seqs, callIds } = await storedRecords(page);
  expect(seqs.length).toBeGreaterThan(0);
  expect(seqs).toEqual(seqs.map((_, i) => (seqs[0] ?? 0) + i)); // contiguous: no gap, no duplicate
  expect(new Set(callIds).size).toBe(callIds.length);
  expect(o.studio.errors).toEqual([]);
});
