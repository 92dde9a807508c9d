/**
 * Crash/resume in the studio: one optimization reloaded at 5 seeded points (each resumed from the
 * banner, then stepped further and reloaded again) ends with the prompts of an uninterrupted run,
 * and its IndexedDB records have no duplicates and no gaps. The points fall between units in the
 * first test and, against the mock server, while a unit's calls are in flight in the second: there
 * the checkpoint's journal of the unit's settled calls is what the resumed unit replays.
 */
import { expect, type Page, test } from '@playwright/test';
import { createSimulatedModel } from '../../packages/sim/src/index.ts';
import { startSimServer } from '../../packages/sim/src/server/index.ts';
import { OptimizePage } from '../pages/optimize';

// The counterfactual check off for both runs: "auto" would check in-process (the simulator) but
// not against the mock server (an endpoint not known to be the simulator), and the calls would
// differ; its replay on resume is covered by the engine's resume-sim test.
const settings = {
  algorithm: 'gtbp' as const,
  iterations: 2,
  batchSize: 4,
  seed: 3,
  counterfactual: 'off' as const,
};
const FIXTURE = /^Chain3 receipt — broken-1/;

/**
 * The newest run's stored records: event seqs in order, type@unit of each event, its calls, and
 * its checkpoint (the unit it stands at and how many calls its journal holds).
 */
interface StoredRecords {
  seqs: number[];
  events: string[];
  callIds: string[];
  callKeys: string[];
  /** Calls each unit took (from its progress event's running totals), by unit index. */
  unitCalls: number[];
  checkpoint: { unitIndex: number; journal: number } | null;
}

/** What IndexedDB holds of the newest run. */
async function storedRecords(page: Page): Promise<StoredRecords> {
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
    type EventRow = {
      runId: string;
      seq: number;
      event: { type: string; unitIndex: number; totals?: { calls: number } };
    };
    const events = (await all<EventRow>('runEvents'))
      .filter((e) => e.runId === newest)
      .sort((a, b) => a.seq - b.seq);
    type CallRow = { runId: string; callId: string; callKey?: string };
    const calls = (await all<CallRow>('calls')).filter((c) => c.runId === newest);
    // The progress part of the session (its data part is the run's `runData` row).
    type CheckpointRow = { runId: string; progress: { unitIndex: number; journal: Record<string, unknown> } };
    const checkpoint = (await all<CheckpointRow>('checkpoints')).find((c) => c.runId === newest);
    db.close();
    const unitCalls: number[] = [];
    let taken = 0;
    for (const { event } of events) {
      if (event.type !== 'progress' || !event.totals) continue;
      unitCalls[event.unitIndex] = event.totals.calls - taken;
      taken = event.totals.calls;
    }
    return {
      unitCalls,
      seqs: events.map((e) => e.seq),
      events: events.map((e) => `${e.event.type}@${e.event.unitIndex}`),
      callIds: calls.map((c) => c.callId),
      callKeys: calls.map((c) => c.callKey ?? '').sort(),
      checkpoint: checkpoint
        ? {
            unitIndex: checkpoint.progress.unitIndex,
            journal: Object.keys(checkpoint.progress.journal).length,
          }
        : null,
    };
  });
}

/** Calls of unit `unit` already in the stored checkpoint's journal (0 when it stands elsewhere). */
async function journaled(page: Page, unit: number): Promise<number> {
  const { checkpoint } = await storedRecords(page);
  return checkpoint?.unitIndex === unit ? checkpoint.journal : 0;
}

/** The uninterrupted reference run (in-process simulator): its final prompts and stored records. */
async function referenceRun(o: OptimizePage, page: Page) {
  await o.openFixture(FIXTURE);
  await o.openPanel();
  await o.start(settings);
  expect(await o.playToEnd()).toBe('done');
  await o.studio.flush();
  return { prompts: await o.prompts(), records: await storedRecords(page) };
}

/** Reopens the gallery fixture (the reference run wrote its prompts) and reloads with it saved. */
async function reopenFixture(o: OptimizePage, page: Page): Promise<void> {
  await o.studio.openExample(FIXTURE);
  await o.studio.flush();
  await page.reload();
  await o.studio.open();
}

/** Presses Resume on the banner a reload shows and reopens the Optimize panel. */
async function resumeFromBanner(o: OptimizePage, page: Page): Promise<void> {
  const banner = page.getByTestId('resume-banner');
  await expect(banner).toBeVisible();
  await banner.getByRole('button', { name: 'Resume' }).click();
  // Resume reads the run's stored rows and checkpoint before the panel shows where it stands.
  await expect(banner).toBeHidden();
  await o.openPanel();
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
  const reference = (await referenceRun(o, page)).prompts;

  await reopenFixture(o, page);
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
    await resumeFromBanner(o, page);
  }
  expect(await o.playToEnd()).toBe('done');
  await o.studio.flush();
  expect(await o.prompts()).toEqual(reference);

  const { seqs, callIds } = await storedRecords(page);
  expect(seqs.length).toBeGreaterThan(0);
  expect(seqs).toEqual(seqs.map((_, i) => (seqs[0] ?? 0) + i)); // contiguous: no gap, no duplicate
  expect(new Set(callIds).size).toBe(callIds.length);
  expect(o.studio.errors).toEqual([]);
});

test('reload at 5 seeded points while a unit has calls in flight: settled calls are replayed, not sent again', async ({
  page,
}) => {
  test.setTimeout(120_000);
  // One call at a time, each answered after LATENCY_MS: a unit of n calls lasts n * LATENCY_MS,
  // and a reload after its k-th request leaves k - 1 settled calls behind it.
  const LATENCY_MS = 150;
  const server = await startSimServer({
    model: createSimulatedModel({ seed: 0 }),
    port: 0,
    latencyMs: LATENCY_MS,
  });
  const chat = () =>
    server.log.filter((r) => r.method === 'POST' && r.path.endsWith('/chat/completions')).length;
  try {
    const o = new OptimizePage(page);
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });

    // The uninterrupted reference, on the in-process simulator (the server's world, without latency).
    const { prompts: reference, records: referenceRecords } = await referenceRun(o, page);
    const { unitCalls } = referenceRecords;

    // The same run against the mock server, reloaded 5 times in the middle of a unit.
    await reopenFixture(o, page);
    const broken = await o.prompts();
    expect(broken, 'the fixture is open again, unrepaired').not.toEqual(reference);
    await o.useServer(server.baseURL, { concurrency: 1 });
    await o.studio.flush();
    await o.openPanel();
    const firstRequest = chat();
    await o.start(settings);

    // How many reloads a unit with `left` calls still to send can take: each comes after its 2nd
    // to 4th request, and leaves 3 or more to send (the unit is still running when the page
    // reloads); the journal gains at most 5 calls from it.
    const room = (left: number) => Math.max(0, Math.floor((left - 2) / 5));
    const random = seeded(11);
    /** Requests a reload cut off before their answer reached the journal (sent again later). */
    let lost = 0;
    let reloads = 0;
    for (let guard = 0; guard < 200 && reloads < 5 && (await o.status()) !== 'done'; guard++) {
      const unit = await o.unit();
      const held = await journaled(page, unit);
      const here = room((unitCalls[unit] ?? 0) - held);
      const later = unitCalls.slice(unit + 1).reduce((sum, n) => sum + room(n), 0);
      const need = 5 - reloads;
      // Seeded, spread over the places left: reload in this unit, or go on while later units can
      // still take the reloads to come.
      if (here === 0 || (later >= need && random() >= need / (here + later))) {
        await o.control('Step');
        continue;
      }
      const nth = 2 + Math.floor(random() * 3);
      const before = chat();
      await o.panel.getByRole('button', { name: 'Step', exact: true }).click();
      await expect
        .poll(() => chat() - before, { intervals: [10], timeout: 30_000 })
        .toBeGreaterThanOrEqual(nth);
      // The unit's journal is stored with a call that settled since the last reload.
      await expect
        .poll(() => journaled(page, unit), { intervals: [20], timeout: 10_000 })
        .toBeGreaterThan(held);
      await page.reload();
      reloads++;
      await o.studio.open();
      const sent = chat() - before;
      const stored = (await storedRecords(page)).checkpoint;
      expect(stored?.unitIndex, `reload ${reloads} came after its unit ended`).toBe(unit);
      const saved = (stored?.journal ?? 0) - held;
      expect(saved, `reload ${reloads}: settled calls in the stored journal`).toBeGreaterThan(0);
      expect(saved).toBeLessThanOrEqual(sent);
      lost += sent - saved;
      await resumeFromBanner(o, page);
      // The meter shows the restored unit once the checkpoint is loaded (it may show the idle
      // panel's unit for a moment before).
      await expect.poll(() => o.unit(), { intervals: [20], timeout: 10_000 }).toBe(unit);
    }
    expect(reloads, `reloads before the run ended (${await o.status()} at unit ${await o.unit()})`).toBe(5);
    expect(await o.playToEnd()).toBe('done');
    await o.studio.flush();
    expect(await o.prompts()).toEqual(reference);

    // IndexedDB: the events of the uninterrupted run, numbered 1..n; one record per call it made,
    // none doubled (a journaled call sent again would leave two), none missing.
    const records = await storedRecords(page);
    expect(records.seqs).toEqual(records.seqs.map((_, i) => i + 1));
    expect(records.events).toEqual(referenceRecords.events);
    expect(records.callKeys).toEqual(referenceRecords.callKeys);
    expect(new Set(records.callIds).size).toBe(records.callIds.length);
    // The server saw each of those calls once, plus only the requests the reloads cut off.
    expect(chat() - firstRequest).toBe(records.callIds.length + lost);
    expect(dialogs).toEqual([]);
    expect(o.studio.errors).toEqual([]);
  } finally {
    await server.close();
  }
});
