import { expect, test } from '@playwright/test';
import { createSimulatedModel } from '../../packages/sim/src/index.ts';
import { type SimServer, startSimServer } from '../../packages/sim/src/server/index.ts';
import { OptimizePage } from '../pages/optimize';

// The simulated world over real HTTP with a 20% fault rate (429 with Retry-After, 500, truncated
// bodies, malformed JSON); hung requests are left to the provider layer's own tests (slow here).
let server: SimServer;
test.beforeAll(async () => {
  server = await startSimServer({
    model: createSimulatedModel({ seed: 0 }),
    port: 0,
    seed: 11,
    faults: {
      rate429: 0.05,
      retryAfterSeconds: 0,
      rate500: 0.05,
      rateTruncate: 0.05,
      rateMalformed: 0.05,
      rateHang: 0,
    },
  });
});
test.afterAll(async () => {
  await server?.close();
});

test('an optimization against the mock server with a 20% fault rate completes', async ({ page }) => {
  test.setTimeout(180_000);
  const o = new OptimizePage(page);
  await o.openFixture(/^Chain3 receipt — broken-2/);
  await o.useServer(server.baseURL);
  await o.openPanel();
  await o.start({ algorithm: 'gtbp', iterations: 2, batchSize: 4, seed: 1 });
  expect(await o.playToEnd(150_000)).toBe('done');
  await expect(page.getByTestId('optimize-message')).toContainText('Validation score');
  const chat = server.log.filter((r) => r.path.endsWith('/chat/completions') && r.method === 'POST');
  expect(chat.some((r) => r.fault !== null)).toBe(true);
  expect(o.studio.errors).toEqual([]);
});
