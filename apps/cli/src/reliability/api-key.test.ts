/**
 * The API key given with --api-key-env reaches the model server (which refuses requests without
 * it) and appears nowhere else: not on stdout or stderr, not in any file `optimize` or `run` writes.
 */
import { join } from 'node:path';
import { createSimulatedModel } from '@backflow/sim';
import { type SimServer, startSimServer } from '@backflow/sim/server';
import { ensureBuiltCli, runCli } from '../test-support/built-cli';
import { tempDir } from '../test-support/fixtures';
import { fixture, optimizeArgs, writtenFiles } from '../test-support/reliability';

const PLANTED_KEY = 'sk-planted-RELIABILITY-7f3a9c1e5b2d4f60';
const env = { BACKFLOW_PLANTED_KEY: PLANTED_KEY, OPENAI_API_KEY: undefined };
let tmp: ReturnType<typeof tempDir>;
let server: SimServer;

beforeAll(async () => {
  await ensureBuiltCli();
  tmp = tempDir('api-key');
  server = await startSimServer({ model: createSimulatedModel({ seed: 0 }), apiKey: PLANTED_KEY });
}, 120_000);
afterAll(async () => {
  await server?.close();
  tmp?.remove();
});

/** Fails naming every place that contains the key. */
function expectNoKey(places: [string, string][]): void {
  expect(places.filter(([, text]) => text.includes(PLANTED_KEY)).map(([where]) => where)).toEqual([]);
}

describe('the API key stays out of outputs', { timeout: 300_000 }, () => {
  it('is sent to the server and never printed or written by optimize (resume included)', async () => {
    const out = join(tmp.dir, 'optimize');
    const keyFlag = ['--api-key-env', 'BACKFLOW_PLANTED_KEY'];
    const first = await runCli(optimizeArgs(out, server.baseURL, 'gtbp', keyFlag), { env });
    expect(first.code, first.stderr).toBe(0);
    // Without the key the same server refuses: the run above really used it.
    const refused = await runCli(optimizeArgs(join(tmp.dir, 'no-key'), server.baseURL, 'gtbp'), { env });
    expect(refused.code).not.toBe(0);
    expect(server.log.some((e) => e.status === 401)).toBe(true);
    const resumed = await runCli(['optimize', '--resume', out], { env });
    expect(resumed.code, resumed.stderr).toBe(0);
    expectNoKey([
      ['optimize stdout', first.stdout],
      ['optimize stderr', first.stderr],
      ['refused stderr', refused.stderr],
      ['resume stdout', resumed.stdout],
      ['resume stderr', resumed.stderr],
      ...writtenFiles(out),
    ]);
  });

  it('is never printed or written by run --out --calls --json', async () => {
    const dir = join(tmp.dir, 'run');
    const args = ['run', fixture.workflow, '--data', fixture.val, '--out', join(dir, 'result.json')];
    const provider = ['--provider', 'openai', '--base-url', server.baseURL, '--model', 'sim'];
    const more = ['--calls', join(dir, 'calls.jsonl'), '--api-key-env', 'BACKFLOW_PLANTED_KEY', '--json'];
    const result = await runCli([...args, ...provider, ...more], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(
      writtenFiles(dir)
        .map(([path]) => path.slice(dir.length + 1))
        .sort(),
    ).toEqual(['calls.jsonl', 'result.json']);
    expectNoKey([['run stdout', result.stdout], ['run stderr', result.stderr], ...writtenFiles(dir)]);
  });
});
