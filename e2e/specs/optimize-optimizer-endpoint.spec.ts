import { expect, test } from '@playwright/test';
import { createSimulatedModel } from '../../packages/sim/src/index.ts';
import { type SimServer, startSimServer } from '../../packages/sim/src/server/index.ts';
import { OptimizePage } from '../pages/optimize';

// Two serve-sim servers on free ports, each refusing the other's key: a call sent to the wrong one
// would fail with a 401, so each server's request log shows exactly which calls it was sent.
const FORWARD_KEY = 'sk-forward-e2e-5a1c';
const OPTIMIZER_KEY = 'sk-optimizer-e2e-9b7d';
let forwardServer: SimServer;
let optimizerServer: SimServer;
test.beforeAll(async () => {
  forwardServer = await startSimServer({
    model: createSimulatedModel({ seed: 0 }),
    port: 0,
    apiKey: FORWARD_KEY,
  });
  optimizerServer = await startSimServer({
    model: createSimulatedModel({ seed: 0 }),
    port: 0,
    apiKey: OPTIMIZER_KEY,
  });
});
test.afterAll(async () => {
  await Promise.all([forwardServer?.close(), optimizerServer?.close()]);
});
test.beforeEach(() => {
  forwardServer.clearLog();
  optimizerServer.clearLog();
});

const chat = (server: SimServer) =>
  server.log.filter((r) => r.path.endsWith('/chat/completions') && r.method === 'POST');

test('the optimizer model on its own server gets the optimizer calls, with its own key', async ({ page }) => {
  test.setTimeout(180_000);
  const o = new OptimizePage(page);
  await o.openFixture(/^Chain3 receipt — broken-2/);
  await o.useEndpoints({
    Forward: { baseURL: forwardServer.baseURL, model: 'forward-model', apiKey: FORWARD_KEY },
    Optimizer: { baseURL: optimizerServer.baseURL, model: 'optimizer-model', apiKey: OPTIMIZER_KEY },
  });
  await o.openPanel();
  await o.start({ algorithm: 'gtbp', iterations: 1, batchSize: 4, seed: 1 });
  expect(await o.playToEnd(150_000)).toBe('done');
  const forward = chat(forwardServer);
  const optimizer = chat(optimizerServer);
  expect(forward.length).toBeGreaterThan(0);
  expect(optimizer.length).toBeGreaterThan(0);
  expect(new Set(forward.map((r) => r.model))).toEqual(new Set(['forward-model']));
  expect(new Set(optimizer.map((r) => r.model))).toEqual(new Set(['optimizer-model']));
  expect([...forward, ...optimizer].every((r) => r.status === 200)).toBe(true);
  expect(o.studio.errors).toEqual([]);
});

test('a simulated forward model with a real optimizer: only optimizer calls reach the network', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const o = new OptimizePage(page);
  await o.openFixture(/^Chain3 receipt — broken-2/);
  await o.useEndpoints({
    Forward: null,
    Optimizer: { baseURL: optimizerServer.baseURL, model: 'optimizer-model', apiKey: OPTIMIZER_KEY },
  });
  await o.openPanel();
  await o.start({ algorithm: 'gtbp', iterations: 1, batchSize: 4, seed: 1 });
  expect(await o.playToEnd(150_000)).toBe('done');
  expect(chat(forwardServer)).toEqual([]);
  const optimizer = chat(optimizerServer);
  expect(optimizer.length).toBeGreaterThan(0);
  expect(optimizer.every((r) => r.model === 'optimizer-model' && r.status === 200)).toBe(true);
});
