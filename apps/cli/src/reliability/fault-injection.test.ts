/**
 * A seeded optimization against the simulator's HTTP server with 20% mixed faults (429 with
 * Retry-After, 500, hangs past the timeout, truncated streams, malformed bodies) ends with the
 * prompts of the fault-free run, and calls.jsonl holds every call exactly once with its attempts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSimulatedModel } from '@backflow/sim';
import { type SimServer, startSimServer } from '@backflow/sim/server';
import { ensureBuiltCli, runCli } from '../test-support/built-cli';
import { tempDir } from '../test-support/fixtures';
import { loggedCalls, optimizeArgs } from '../test-support/reliability';

let tmp: ReturnType<typeof tempDir>;
let clean: SimServer;
let faulty: SimServer;

beforeAll(async () => {
  await ensureBuiltCli();
  tmp = tempDir('fault-injection');
  clean = await startSimServer({ model: createSimulatedModel({ seed: 0 }) });
  faulty = await startSimServer({
    model: createSimulatedModel({ seed: 0 }),
    faults: {
      rate429: 0.04,
      retryAfterSeconds: 1,
      rate500: 0.04,
      rateHang: 0.04,
      rateTruncate: 0.04,
      rateMalformed: 0.04,
    },
    seed: 9,
  });
}, 120_000);
afterAll(async () => {
  await clean?.close();
  await faulty?.close();
  tmp?.remove();
});

const chatRequests = (server: SimServer) => server.log.filter((e) => e.path.endsWith('/chat/completions'));

describe('fault injection (serve-sim, 20% mixed faults)', { timeout: 600_000 }, () => {
  it('reaches the fault-free prompts and logs every call once with its attempts', async () => {
    const reference = join(tmp.dir, 'clean');
    const ref = await runCli(optimizeArgs(reference, clean.baseURL, 'gtbp'), { timeoutMs: 300_000 });
    expect(ref.code, ref.stderr).toBe(0);

    const out = join(tmp.dir, 'faulty');
    // A hang is given up after the attempt timeout and retried; enough attempts for bad luck in a row.
    const retry = ['--timeout-ms', '1500', '--max-attempts', '12', '--concurrency', '6'];
    const result = await runCli(optimizeArgs(out, faulty.baseURL, 'gtbp', retry), { timeoutMs: 500_000 });
    expect(result.code, result.stderr).toBe(0);

    // Every kind of fault was actually served.
    const served = new Set(chatRequests(faulty).map((e) => e.fault));
    for (const kind of ['429', '500', 'hang', 'truncate', 'malformed']) expect(served).toContain(kind);

    // Same final prompts, byte for byte.
    const optimized = (dir: string) => readFileSync(join(dir, 'workflow.optimized.json'), 'utf8');
    expect(optimized(out)).toBe(optimized(reference));
    const final = (dir: string) =>
      (JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { final: unknown }).final;
    expect(final(out)).toEqual(final(reference));

    // The log: the same calls as the fault-free run, each once, none failed, attempts counted.
    const calls = loggedCalls(out);
    const refCalls = loggedCalls(reference);
    const keys = calls.map((c) => c.callKey);
    expect(new Set(keys).size, 'a call is logged twice').toBe(keys.length);
    expect([...keys].sort()).toEqual(refCalls.map((c) => c.callKey).sort());
    expect(calls.filter((c) => c.error !== undefined)).toEqual([]);
    expect(refCalls.every((c) => c.attempts === 1)).toBe(true);
    expect(calls.some((c) => c.attempts > 1)).toBe(true);
    // Each attempt is one request the server saw, and nothing else reached it.
    const attempts = calls.reduce((sum, c) => sum + c.attempts, 0);
    expect(attempts).toBe(chatRequests(faulty).length);
  });
});
