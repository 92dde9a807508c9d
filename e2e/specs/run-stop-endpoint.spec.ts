import { expect, test } from '@playwright/test';
import { createSimulatedModel } from '../../packages/sim/src/index.ts';
import { type SimServer, startSimServer } from '../../packages/sim/src/server/index.ts';
import { OptimizePage } from '../pages/optimize';
import { RECEIPT_EXAMPLE, StudioPage } from '../pages/studio';

// Stop and Abort, in the browser, against a real endpoint: every request hangs, so only a
// cancellation that reaches the HTTP connection ends them. The Run tab's Stop also ends its
// Worker; Optimize's Abort keeps the session's Worker, so there only the signal can cut the
// requests: the engine hands the SDK a signal per request and aborts its controller itself
// (providers/sdk-client.ts), and this proves that path in the studio's bundle.
let server: SimServer;
test.beforeAll(async () => {
  server = await startSimServer({
    model: createSimulatedModel({ seed: 0 }),
    port: 0,
    faults: { rateHang: 1 },
  });
});
test.afterAll(async () => {
  await server?.close();
});

test('Stop ends a run whose requests hang, and the server sees them closed', async ({ page }) => {
  test.setTimeout(60_000);
  const studio = new StudioPage(page);
  await studio.open();
  await studio.openExample(RECEIPT_EXAMPLE);
  await studio.useEndpoints({ Forward: { baseURL: server.baseURL, concurrency: 2 } });

  await studio.tab('Run').click();
  await page.getByTestId('run-forward').click();
  await expect.poll(() => server.inFlight, { timeout: 20_000 }).toBeGreaterThanOrEqual(1);

  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'aborted', { timeout: 20_000 });
  // The hung requests were cut, not left open until a timeout.
  await expect.poll(() => server.inFlight, { timeout: 20_000 }).toBe(0);
  const chat = server.log.filter((r) => r.path.endsWith('/chat/completions') && r.method === 'POST');
  expect(chat.length).toBeGreaterThanOrEqual(1);
  expect(chat.every((r) => r.outcome === 'fault' || r.outcome === 'client-closed')).toBe(true);
  await expect(page.getByTestId('run-forward')).toBeVisible();
});

test('Abort in Optimize cuts the hung requests while the engine Worker lives on', async ({ page }) => {
  test.setTimeout(90_000);
  const o = new OptimizePage(page);
  await o.openFixture(/^Chain3 receipt — broken-2/);
  await o.useServer(server.baseURL, { concurrency: 2 });
  await o.openPanel();
  const before = server.log.length;
  await o.start({ algorithm: 'gtbp', iterations: 1, batchSize: 2, seed: 1 });
  await o.panel.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(() => server.inFlight, { timeout: 20_000 }).toBeGreaterThanOrEqual(1);

  await o.panel.getByRole('button', { name: 'Abort', exact: true }).click();
  await expect(o.meter).toHaveAttribute('data-status', 'aborted', { timeout: 20_000 });
  await expect.poll(() => server.inFlight, { timeout: 20_000 }).toBe(0);
  const chat = server.log
    .slice(before)
    .filter((r) => r.path.endsWith('/chat/completions') && r.method === 'POST');
  expect(chat.length).toBeGreaterThanOrEqual(1);
  expect(chat.every((r) => r.outcome === 'fault' || r.outcome === 'client-closed')).toBe(true);
});
