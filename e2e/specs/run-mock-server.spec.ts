import { expect, test } from '@playwright/test';
import { createSimulatedModel } from '../../packages/sim/src/index.ts';
import { type SimServer, startSimServer } from '../../packages/sim/src/server/index.ts';
import { RECEIPT_EXAMPLE, StudioPage } from '../pages/studio';

// The mock server answers with the simulated world over real HTTP (CORS preflight included), and
// 30% of requests get a fault: 429 with Retry-After, 500, a truncated body or malformed JSON.
// Hung requests are left out here only because waiting out a per-attempt timeout makes the spec
// slow; the provider layer's own tests cover them.
let server: SimServer;
test.beforeAll(async () => {
  server = await startSimServer({
    model: createSimulatedModel({ seed: 0 }),
    port: 0,
    seed: 7,
    faults: {
      rate429: 0.1,
      retryAfterSeconds: 1,
      rate500: 0.1,
      rateTruncate: 0.05,
      rateMalformed: 0.05,
      rateHang: 0,
    },
  });
});
test.afterAll(async () => {
  await server?.close();
});

test('run forward through the mock server with a 30% fault rate completes', async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1600, height: 900 });
  const studio = new StudioPage(page);
  await studio.open();
  await studio.openExample(RECEIPT_EXAMPLE);

  await studio.useEndpoints({ Forward: { baseURL: server.baseURL, concurrency: 1 } });

  await studio.tab('Run').click();
  await expect(page.getByTestId('run-model-label')).toHaveText('Custom (OpenAI-compatible) · backflow-sim');
  await page.getByTestId('run-forward').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  const outputs = studio.canvas.getByTestId('node-output');
  await expect(outputs).toHaveCount((await studio.state()).nodeCount);
  for (const out of await outputs.all()) await expect(out).toHaveAttribute('data-status', 'ok');
  const chat = server.log.filter((r) => r.path.endsWith('/chat/completions') && r.method === 'POST');
  expect(chat.some((r) => r.fault !== null)).toBe(true); // faults really happened and were retried
  expect(studio.errors).toEqual([]);
});
