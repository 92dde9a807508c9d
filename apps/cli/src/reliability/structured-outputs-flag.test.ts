/**
 * Structured outputs are a setting per endpoint (issue #21): `--structured-outputs on|off` and
 * `--optimizer-structured-outputs on|off` decide whether the answer schema goes out as
 * `response_format: {type: "json_schema"}`; without them the endpoint's preset decides (a
 * serve-sim on a random port is a "custom" server: off). Checked on what serve-sim received.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSimulatedModel } from '@backflow/sim';
import { type SimServer, startSimServer } from '@backflow/sim/server';
import { ensureBuiltCli, firstStdoutLine, runCli, startCli, waitForExit } from '../test-support/built-cli';
import { tempDir } from '../test-support/fixtures';
import { loggedCalls, optimizeArgs } from '../test-support/reliability';

let tmp: ReturnType<typeof tempDir>;
let server: SimServer;
const env = { OPENAI_API_KEY: undefined };

beforeAll(async () => {
  await ensureBuiltCli();
  tmp = tempDir('structured-outputs');
  server = await startSimServer({ model: createSimulatedModel({ seed: 0 }) });
}, 120_000);
afterAll(async () => {
  await server?.close();
  tmp?.remove();
});

/** Runs one seeded optimization with `flags`; returns the chat requests with and without a schema. */
async function requests(name: string, flags: string[]) {
  server.clearLog();
  const out = join(tmp.dir, name);
  const result = await runCli(optimizeArgs(out, server.baseURL, 'sembp', ['--iterations', '1', ...flags]), {
    env,
  });
  expect(result.code, result.stderr).toBe(0);
  const chat = server.log.filter((e) => e.path.endsWith('/chat/completions'));
  const calls = loggedCalls(out);
  return {
    withSchema: chat.filter((e) => e.responseFormat !== undefined).length,
    without: chat.filter((e) => e.responseFormat === undefined).length,
    forward: calls.filter((c) => c.purpose === 'forward').length,
    optimizer: calls.filter((c) => c.purpose !== 'forward').length,
  };
}

describe('--structured-outputs against serve-sim', { timeout: 300_000 }, () => {
  it('on: every optimizer call carries response_format json_schema; forward calls (free text) never do', async () => {
    const seen = await requests('on', ['--structured-outputs', 'on']);
    expect(seen.optimizer).toBeGreaterThan(0);
    expect(seen.withSchema).toBe(seen.optimizer);
    expect(seen.without).toBe(seen.forward);
  });

  it('off: no request carries it', async () => {
    const seen = await requests('off', ['--structured-outputs', 'off']);
    expect(seen.optimizer).toBeGreaterThan(0);
    expect(seen.withSchema).toBe(0);
  });

  it('absent: the preset decides (a server on a random port is custom: off)', async () => {
    const seen = await requests('default', []);
    expect(seen.withSchema).toBe(0);
  });

  it('the optimizer endpoint has its own setting', async () => {
    const on = await requests('opt-on', [
      '--structured-outputs',
      'off',
      '--optimizer-structured-outputs',
      'on',
    ]);
    expect(on.withSchema).toBe(on.optimizer);
    const off = await requests('opt-off', [
      '--structured-outputs',
      'on',
      '--optimizer-structured-outputs',
      'off',
    ]);
    expect(off.withSchema).toBe(0);
  });

  it('refuses a value other than on or off with exit 2 and one line', async () => {
    const result = await runCli(
      optimizeArgs(join(tmp.dir, 'bad'), server.baseURL, 'sembp', ['--structured-outputs', 'yes']),
      { env },
    );
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe('backflow: --structured-outputs must be one of on, off; got "yes".');
  });
});

describe('--structured-outputs on against a serve-sim that refuses it (serve-sim --reject-response-format)', {
  timeout: 300_000,
}, () => {
  it('falls back to text by itself, says so in calls.jsonl, and the run completes', async () => {
    const child = startCli(['serve-sim', '--port', '0', '--seed', '3', '--reject-response-format']);
    const exited = waitForExit(child, 240_000);
    try {
      const url = await firstStdoutLine(child);
      const out = join(tmp.dir, 'refused');
      const result = await runCli(
        optimizeArgs(out, url, 'gtbp', ['--iterations', '1', '--structured-outputs', 'on']),
        {
          env,
        },
      );
      expect(result.code, result.stderr).toBe(0);
      const records = readFileSync(join(out, 'calls.jsonl'), 'utf8')
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as { notes?: string[]; error?: string; purpose: string });
      const noted = records.filter((r) => r.notes?.some((n) => n.startsWith('Structured outputs refused')));
      // Learned for the run: only calls already in flight when the first refusal came back (at
      // most --concurrency, 4) carry the note; the later structured questions went out as text.
      expect(noted.length).toBeGreaterThanOrEqual(1);
      expect(noted.length).toBeLessThanOrEqual(4);
      expect(records.filter((r) => r.purpose !== 'forward').length).toBeGreaterThan(noted.length);
      expect(records.filter((r) => r.error !== undefined)).toEqual([]);
      expect(records.some((r) => r.purpose !== 'forward')).toBe(true);
    } finally {
      child.kill('SIGTERM');
    }
    expect((await exited).code).toBe(0);
  });
});
