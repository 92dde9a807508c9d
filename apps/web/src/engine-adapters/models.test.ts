import { buildModels } from '@backflow/engine';
import { createSimulatedModel } from '@backflow/sim';
import { type SimServer, startSimServer } from '@backflow/sim/server';
import { defaultModelSettings, type ModelSettings } from '../settings/provider-settings';
import { simulatedBase, testConnection } from './models';

let server: SimServer;
beforeAll(async () => {
  server = await startSimServer({ model: createSimulatedModel({ seed: 0 }), port: 0, apiKey: 'right-key' });
});
afterAll(async () => {
  await server?.close();
});

const endpoint = (apiKey: string): ModelSettings => ({
  ...defaultModelSettings(),
  kind: 'openai-compatible',
  preset: 'custom',
  baseUrl: server.baseURL,
  model: 'backflow-sim',
  apiKey,
  timeoutSeconds: 10,
});

describe('model adapter', () => {
  it('answers offline with the simulated model, labelled as such', async () => {
    const { forwardModel } = buildModels(
      { forward: defaultModelSettings(), optimizer: defaultModelSettings() },
      { simulated: simulatedBase },
    );
    const res = await forwardModel.complete({
      messages: [{ role: 'user', content: 'hello' }],
      meta: { purpose: 'test' },
    });
    expect(typeof res.text).toBe('string');
    expect(forwardModel.simulated).toBe(true);
    expect((await testConnection(defaultModelSettings())).ok).toBe(true);
  });

  it('tests a connection over HTTP: success with the right key, a diagnosis sentence with a wrong one', async () => {
    const good = await testConnection(endpoint('right-key'));
    expect(good.ok).toBe(true);
    const bad = await testConnection(endpoint('wrong-key'));
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message).toMatch(/key/i);
  });

  it('refuses unusable settings without calling anything: a plain sentence, no password echoed', async () => {
    const before = server.log.length;
    const withPassword = await testConnection({
      ...endpoint('k'),
      baseUrl: 'http://me:hunter2@127.0.0.1:9/v1',
    });
    expect(withPassword).toEqual({ ok: false, message: expect.stringContaining('user name or password') });
    expect(JSON.stringify(withPassword)).not.toContain('hunter2');
    const tooLong = await testConnection({ ...endpoint('k'), timeoutSeconds: 1e10 });
    expect(!tooLong.ok && tooLong.message).toBe('Timeout must be at most 3600 seconds (one hour).');
    expect(server.log.length).toBe(before);
  });
});
