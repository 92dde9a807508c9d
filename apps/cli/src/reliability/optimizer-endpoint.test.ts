/**
 * The optimizer on its own endpoint: `optimize` with `--optimizer-base-url` sends the forward calls
 * to one serve-sim and the backward/update calls to another, each with its own key; a bad
 * `--base-url` exits 2 before anything starts.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createSimulatedModel } from '@backflow/sim';
import { type SimServer, startSimServer } from '@backflow/sim/server';
import { ensureBuiltCli, runCli } from '../test-support/built-cli';
import { tempDir } from '../test-support/fixtures';
import { loggedCalls, optimizeArgs, writtenFiles } from '../test-support/reliability';

const env = { FWD_KEY: 'fwd-key-81c2', OPT_KEY: 'opt-key-4d9e', OPENAI_API_KEY: undefined };
let tmp: ReturnType<typeof tempDir>;
let forwardServer: SimServer;
let optimizerServer: SimServer;

beforeAll(async () => {
  await ensureBuiltCli();
  tmp = tempDir('optimizer-endpoint');
  // Each server refuses the other's key: a call sent to the wrong one fails with a 401.
  forwardServer = await startSimServer({ model: createSimulatedModel({ seed: 0 }), apiKey: env.FWD_KEY });
  optimizerServer = await startSimServer({ model: createSimulatedModel({ seed: 0 }), apiKey: env.OPT_KEY });
}, 120_000);
afterAll(async () => {
  await Promise.all([forwardServer?.close(), optimizerServer?.close()]);
  tmp?.remove();
});

const chat = (server: SimServer) => server.log.filter((e) => e.path.endsWith('/chat/completions'));

describe('optimize with the optimizer on a second server', { timeout: 300_000 }, () => {
  it('sends forward calls to --base-url and optimizer calls to --optimizer-base-url', async () => {
    const out = join(tmp.dir, 'two-servers');
    const args = optimizeArgs(out, forwardServer.baseURL, 'gtbp', [
      ...['--model', 'forward-model', '--api-key-env', 'FWD_KEY'],
      ...['--optimizer-base-url', optimizerServer.baseURL, '--optimizer-model', 'optimizer-model'],
      ...['--optimizer-api-key-env', 'OPT_KEY'],
    ]);
    const result = await runCli(args, { env });
    expect(result.code, result.stderr).toBe(0);
    const forwardCalls = chat(forwardServer);
    const optimizerCalls = chat(optimizerServer);
    expect(forwardCalls.length).toBeGreaterThan(0);
    expect(optimizerCalls.length).toBeGreaterThan(0);
    expect(new Set(forwardCalls.map((e) => e.model))).toEqual(new Set(['forward-model']));
    expect(new Set(optimizerCalls.map((e) => e.model))).toEqual(new Set(['optimizer-model']));
    expect([...forwardCalls, ...optimizerCalls].every((e) => e.status === 200)).toBe(true);
    // The call log agrees: forward calls were forward-purpose, the rest went to the optimizer.
    const logged = loggedCalls(out);
    expect(logged.filter((c) => c.purpose === 'forward')).toHaveLength(forwardCalls.length);
    expect(logged.filter((c) => c.purpose !== 'forward')).toHaveLength(optimizerCalls.length);
    const files = writtenFiles(out)
      .map(([, text]) => text)
      .join('\n');
    expect(files).not.toContain(env.FWD_KEY);
    expect(files).not.toContain(env.OPT_KEY);
  });

  it.each([
    ['javascript:alert(1)', 'must be an http(s) URL'],
    ['http://[::1/v1', 'is not a valid URL'],
    ['http://user:hunter2-pw@127.0.0.1:9/v1', 'must not carry a user name or password'],
  ])('refuses --base-url %j with exit 2 and no output directory', async (url, message) => {
    const out = join(tmp.dir, `bad-${encodeURIComponent(url).slice(0, 20)}`);
    const result = await runCli(optimizeArgs(out, url, 'gtbp'), { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toContain('hunter2-pw');
    expect(existsSync(out)).toBe(false);
  });
});
