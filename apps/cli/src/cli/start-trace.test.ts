import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import nodeModule from 'node:module';
import { join } from 'node:path';
import { runCli, withServeSim } from '../test-support/built-cli';
import { builtCliTempDir, type SimFixture, simFixtures } from '../test-support/fixtures';
import type { StartTrace } from './start-trace';

const fixture = simFixtures()[0] as SimFixture;
const tmp = builtCliTempDir('start-trace');
// What the built CLI reports when it asks for the compile cache: the Node running these tests runs it.
const hasCompileCache =
  typeof (nodeModule as { enableCompileCache?: unknown }).enableCompileCache === 'function';

const readTrace = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as StartTrace;

// Generous limits: these start Node subprocesses on a shared, possibly busy machine (never a speed check).
describe('start trace and compile cache (built CLI)', { timeout: 120_000 }, () => {
  it('BACKFLOW_START_TRACE records the stages of a run, up to its first request, in order', async () => {
    await withServeSim([], async (url) => {
      const trace = join(tmp.dir, 'trace.json');
      const args = ['run', fixture.workflow, '--data', fixture.train, '--limit', '3', '--quiet', '--json'];
      const provider = ['--base-url', url, '--model', 'sim'];
      const result = await runCli([...args, ...provider], { env: { BACKFLOW_START_TRACE: trace } });
      expect(result.code, result.stderr).toBe(0);
      const written = readTrace(trace);
      expect(written.format).toBe('backflow.start-trace');
      expect(written.compileCache).toBe(hasCompileCache ? 'enabled' : 'unavailable');
      expect(written.marks.map((m) => m.stage)).toEqual([
        'entry evaluated',
        'command loaded',
        'args parsed',
        'workflow read',
        'data read',
        'models built',
        'first request sent',
      ]);
      let previous = { ms: written.bootstrapMs, cpuMs: 0 };
      for (const mark of written.marks) {
        expect(mark.ms).toBeGreaterThanOrEqual(previous.ms);
        expect(mark.cpuMs).toBeGreaterThanOrEqual(previous.cpuMs);
        previous = mark;
      }
      // The origin is this run's start, in epoch milliseconds.
      expect(Math.abs(written.timeOrigin - Date.now())).toBeLessThan(120_000);
    });
  });

  it('a trace file that cannot be written changes nothing about the run', async () => {
    // --quiet: the progress lines carry the elapsed time, which may differ between the two runs.
    const args = ['run', fixture.workflow, '--data', fixture.train, '--limit', '2', '--json', '--quiet'];
    const plain = await runCli(args);
    const missingDir = join(tmp.dir, 'no-such-dir', 'trace.json');
    const traced = await runCli(args, { env: { BACKFLOW_START_TRACE: missingDir } });
    expect(traced.code, traced.stderr).toBe(0);
    expect(existsSync(missingDir)).toBe(false);
    const scores = (out: string) => (JSON.parse(out) as { scores: unknown[] }).scores;
    expect(scores(traced.stdout)).toEqual(scores(plain.stdout));
    expect(traced.stderr).toBe(plain.stderr);
  });

  it('a compile cache folder that cannot be made, or a disabled cache, never breaks a run', async () => {
    // A folder inside a regular file cannot be created, whoever runs the tests.
    const file = join(tmp.dir, 'a-file');
    writeFileSync(file, 'not a folder');
    const args = ['run', fixture.workflow, '--data', fixture.train, '--limit', '2', '--json'];
    for (const [env, expected] of [
      [{ NODE_COMPILE_CACHE: join(file, 'cache') }, 'failed'],
      [{ NODE_DISABLE_COMPILE_CACHE: '1' }, 'disabled'],
    ] as const) {
      const trace = join(tmp.dir, `trace-${expected}.json`);
      const result = await runCli(args, { env: { ...env, BACKFLOW_START_TRACE: trace } });
      expect(result.code, result.stderr).toBe(0);
      expect((JSON.parse(result.stdout) as { scores: unknown[] }).scores).toHaveLength(2);
      expect(readTrace(trace).compileCache).toBe(hasCompileCache ? expected : 'unavailable');
    }
  });
});
