import { type SimServer, startSimServer } from '@backflow/sim/server';
import { createSimulatedModel } from '@backflow/sim/world/sim-model.ts';
import { defaultModelSettings, type ModelSettings } from '../settings/provider-settings';
import { createChatModel, testConnection } from './models';

let server: SimServer;
beforeAll(async () => {
  server = await startSimServer({ model: createSimulatedModel({ seed: 0 }), port: 0, apiKey: 'right-key' });
});
afterAll(async () => {
  await server?.close();
});

const endpoint = (apiKey: string): ModelSettings => ({
  ...defaultModelSettings(),
  preset: 'custom',
  baseUrl: server.baseURL,
  model: 'backflow-sim',
  apiKey,
  timeoutSeconds: 10,
});

describe('model adapter', () => {
  it('answers offline with the simulated model, labelled as such', async () => {
    const model = createChatModel(defaultModelSettings());
    const res = await model.complete({
      messages: [{ role: 'user', content: 'hello' }],
      meta: { purpose: 'test' },
    });
    expect(typeof res.text).toBe('string');
    expect((await testConnection(defaultModelSettings())).ok).toBe(true);
  });

  it('tests a connection over HTTP: success with the right key, a diagnosis sentence with a wrong one', async () => {
    const good = await testConnection(endpoint('right-key'));
    expect(good.ok).toBe(true);
    const bad = await testConnection(endpoint('wrong-key'));
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message).toMatch(/key/i);
  });
});
