/**
 * The Models dialog (issues #20 and #21): structured outputs are a setting per endpoint, stored and
 * used by runs; the connection test tells a closed port from a server whose answer the browser
 * blocks (no CORS headers); and the number fields' labels never run into each other.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, type Page, test } from '@playwright/test';
import { createSimulatedModel } from '../../packages/sim/src/index.ts';
import { type SimServer, startSimServer } from '../../packages/sim/src/server/index.ts';
import { OptimizePage } from '../pages/optimize';
import { storedRows } from '../pages/stored';
import { StudioPage } from '../pages/studio';

let sim: SimServer;
let refusing: SimServer;
let noCors: Server;
let closedPort: number;
test.beforeAll(async () => {
  sim = await startSimServer({ model: createSimulatedModel({ seed: 0 }), port: 0 });
  // A server without structured outputs: a json_schema request gets a 400 naming response_format.
  refusing = await startSimServer({
    model: createSimulatedModel({ seed: 0 }),
    port: 0,
    rejectResponseFormat: true,
  });
  // A server that answers everything but sends no CORS header: the browser blocks what it says.
  noCors = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"object":"list","data":[]}');
  });
  await new Promise<void>((resolve) => noCors.listen(0, '127.0.0.1', resolve));
  // A port that was free a moment ago and is closed now: nothing listens there.
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
});
test.afterAll(async () => {
  await sim?.close();
  await refusing?.close();
  await new Promise<void>((resolve) => (noCors ? noCors.close(() => resolve()) : resolve()));
});

/** Opens the Chain3 example with both models on the server at `baseURL`, the Models dialog left open. */
async function openOnServer(page: Page, baseURL: string): Promise<OptimizePage> {
  const o = new OptimizePage(page);
  await o.openFixture(/^Chain3 receipt — broken-2/);
  await o.studio.openModels();
  await o.studio.fillEndpoint('Forward', { baseURL });
  await o.studio.fillEndpoint('Optimizer', { baseURL });
  return o;
}

test('structured outputs per endpoint: the preset default shows, the choice is stored and the run sends response_format', async ({
  page,
}) => {
  test.setTimeout(150_000);
  const o = await openOnServer(page, sim.baseURL);
  const optimizerToggle = page.getByLabel('Optimizer model structured outputs');
  // serve-sim on a random port is a custom server: the default is off.
  await expect(optimizerToggle).not.toBeChecked();
  await expect(
    page.getByTestId('settings-optimizer-model').getByTestId('structured-outputs-default'),
  ).toContainText("The preset's default: off.");
  await optimizerToggle.check();
  await expect(
    page.getByTestId('settings-optimizer-model').getByTestId('structured-outputs-default'),
  ).toContainText('Chosen: on');
  await expect(page.getByLabel('Forward model structured outputs')).not.toBeChecked();
  await page.keyboard.press('Escape');
  await o.studio.flush();

  // Stored: a reload shows the choice again.
  await page.reload();
  await o.studio.open();
  await o.studio.openModels();
  await expect(page.getByLabel('Optimizer model structured outputs')).toBeChecked();
  await expect(page.getByLabel('Forward model structured outputs')).not.toBeChecked();
  await page.keyboard.press('Escape');

  // Used: the optimizer's structured questions go out with response_format, forward calls without.
  sim.clearLog();
  await o.openPanel();
  await o.start({ algorithm: 'sembp', iterations: 1, batchSize: 4, seed: 1 });
  expect(await o.playToEnd(120_000)).toBe('done');
  const chat = sim.log.filter((r) => r.path.endsWith('/chat/completions') && r.method === 'POST');
  const structured = chat.filter((r) => r.responseFormat !== undefined);
  expect(structured.length).toBeGreaterThan(0);
  expect(chat.length).toBeGreaterThan(structured.length);
  expect(o.studio.errors).toEqual([]);
});

test('structured outputs on against a server that refuses them: the run falls back to text and its stored calls say so', async ({
  page,
}) => {
  test.setTimeout(150_000);
  const o = await openOnServer(page, refusing.baseURL);
  await page.getByLabel('Optimizer model structured outputs').check();
  await page.keyboard.press('Escape');
  await o.openPanel();
  await o.start({ algorithm: 'sembp', iterations: 1, batchSize: 4, seed: 1 });
  expect(await o.playToEnd(120_000)).toBe('done');
  const refused = refusing.log.filter((r) => r.status === 400 && r.responseFormat !== undefined);
  expect(refused.length).toBeGreaterThan(0);
  const calls = (await storedRows(page, 'calls')) as { notes?: string[]; error?: string }[];
  const noted = calls.filter((c) => c.notes?.some((n) => n.startsWith('Structured outputs refused')));
  expect(noted.length).toBeGreaterThan(0);
  expect(calls.filter((c) => c.error !== undefined)).toEqual([]);
  expect(o.studio.errors).toEqual([]);
});

test('the connection test tells a closed port from a server whose answer the browser blocks (CORS)', async ({
  page,
}) => {
  const studio = new StudioPage(page);
  await studio.open();
  await studio.openModels();
  const forward = page.getByTestId('settings-forward-model');
  const result = forward.getByTestId('connection-result');

  await studio.fillEndpoint('Forward', { baseURL: `http://127.0.0.1:${closedPort}/v1` });
  await forward.getByRole('button', { name: 'Test connection' }).click();
  await expect(result).toContainText(`Nothing is listening at 127.0.0.1:${closedPort}`, { timeout: 30_000 });
  await expect(result).not.toContainText('CORS');
  const closedText = await result.textContent();

  const port = (noCors.address() as AddressInfo).port;
  await page.getByLabel('Forward model base URL').fill(`http://127.0.0.1:${port}/v1`);
  await forward.getByRole('button', { name: 'Test connection' }).click();
  await expect(result).toContainText(
    `The server at http://127.0.0.1:${port}/v1 answered, but the browser blocked the response`,
    {
      timeout: 30_000,
    },
  );
  await expect(result).toContainText('CORS');
  expect(await result.textContent()).not.toBe(closedText);
  expect(studio.errors).toEqual([]);
});

for (const [width, height] of [
  [1440, 900],
  [1024, 700],
] as const) {
  test(`the Models dialog's labels do not overlap at ${width}x${height}`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    const studio = new StudioPage(page);
    await studio.open();
    await studio.openModels();
    await studio.fillEndpoint('Forward', { baseURL: 'http://127.0.0.1:8000/v1' });
    const dialog = page.getByTestId('settings-dialog');
    // Every label of a form field: none wider than its box, none overlapping another.
    const boxes = await dialog.locator('fieldset span.uppercase').evaluateAll((spans) =>
      spans.map((s) => {
        const r = s.getBoundingClientRect();
        const range = document.createRange();
        range.selectNodeContents(s);
        const text = range.getBoundingClientRect();
        return { text: s.textContent, x: r.x, y: r.y, w: r.width, h: r.height, textWidth: text.width };
      }),
    );
    expect(boxes.length).toBeGreaterThan(8);
    for (const b of boxes) expect(b.textWidth, `${b.text} fits its box`).toBeLessThanOrEqual(b.w + 0.5);
    for (const [i, a] of boxes.entries())
      for (const b of boxes.slice(i + 1)) {
        const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
        expect(overlap, `${a.text} / ${b.text}`).toBe(false);
      }
    await dialog.screenshot({ path: `e2e/.output/settings-dialog-${width}x${height}.png` });
  });
}
