import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, withServeSim } from '../test-support/built-cli';
import { builtCliTempDir, closedPort, type SimFixture, simFixtures } from '../test-support/fixtures';

interface ResultFile {
  format: string;
  simulated: boolean;
  meanScore: number;
  passed: number;
  scores: { exampleId: string; score: number }[];
  traces: unknown[];
  totals: { calls: number; cachedCalls: number; failedCalls: number; tokens: number };
}

const fixtures = simFixtures();
const fixture = fixtures[0] as SimFixture;
const tmp = builtCliTempDir('run');

const readResult = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as ResultFile;

// Generous limits: these start Node subprocesses on a shared, possibly busy machine (never a speed check).
describe('backflow run (built CLI)', { timeout: 120_000 }, () => {
  it('the simulator fixtures exist', () => {
    expect(fixtures.length).toBeGreaterThan(0);
  });

  it.each(fixtures.map((f) => [f.name, f] as const))(
    'runs fixture %s on the simulator and scores it',
    async (_name, f) => {
      const out = join(tmp.dir, `${f.name}.result.json`);
      const result = await runCli(['run', f.workflow, '--data', f.val, '--limit', '6', '--out', out]);
      expect(result.stderr).toContain('simulated model (offline)');
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/mean score \d\.\d{3} over 6 examples/);
      const file = readResult(out);
      expect(file.format).toBe('backflow.run-result');
      expect(file.simulated).toBe(true);
      expect(file.scores).toHaveLength(6);
      expect(file.traces).toHaveLength(6);
      for (const s of file.scores) expect(s.score).toBeGreaterThanOrEqual(0);
      expect(file.meanScore).toBeGreaterThanOrEqual(0);
      expect(file.meanScore).toBeLessThanOrEqual(1);
      // A working fixture solves its task in the skill world.
      expect(file.meanScore).toBe(1);
      expect(file.totals.calls).toBeGreaterThan(0);
    },
  );

  it('--json prints the result without traces; --cache answers a second run from the file', async () => {
    const cache = join(tmp.dir, 'cache.jsonl');
    const args = [
      'run',
      fixture.workflow,
      '--data',
      fixture.train,
      '--limit',
      '4',
      '--json',
      '--cache',
      cache,
    ];
    const first = await runCli(args);
    expect(first.code, first.stderr).toBe(0);
    const one = JSON.parse(first.stdout) as ResultFile;
    expect(one.traces).toBeUndefined();
    expect(one.totals.cachedCalls).toBe(0);
    const second = await runCli(args);
    expect(second.code, second.stderr).toBe(0);
    const two = JSON.parse(second.stdout) as ResultFile;
    expect(two.totals.calls).toBe(one.totals.calls);
    expect(two.totals.cachedCalls).toBe(two.totals.calls);
    expect(two.scores).toEqual(one.scores);
  });

  it('gives the same scores over HTTP (serve-sim) as in process', async () => {
    await withServeSim([], async (url) => {
      const args = ['run', fixture.workflow, '--data', fixture.train, '--limit', '5', '--json'];
      const http = await runCli([...args, '--provider', 'openai', '--base-url', url, '--model', 'sim']);
      expect(http.code, http.stderr).toBe(0);
      const local = await runCli(args);
      const a = JSON.parse(http.stdout) as ResultFile & { simulated: boolean };
      const b = JSON.parse(local.stdout) as ResultFile;
      expect(a.scores.map((s) => s.score)).toEqual(b.scores.map((s) => s.score));
      expect(a.totals.failedCalls).toBe(0);
      // serve-sim answered: the result says so, as an in-process run's does.
      expect(a.simulated).toBe(true);
      expect(http.stderr).toContain('simulated model (offline)');
    });
  });

  it('sends the key from --api-key-env, never prints it, and a rejected key exits 3 fast', async () => {
    const secret = 'sk-test-never-printed-4242';
    await withServeSim(
      ['--require-key-env', 'SIM_KEY'],
      async (url) => {
        const args = [
          'run',
          fixture.workflow,
          '--data',
          fixture.train,
          '--limit',
          '2',
          '--base-url',
          url,
          '--model',
          'sim',
        ];
        const good = await runCli([...args, '--api-key-env', 'MY_KEY'], { env: { MY_KEY: secret } });
        expect(good.code, good.stderr).toBe(0);
        const bad = await runCli([...args, '--api-key-env', 'MY_KEY', '--quiet'], {
          env: { MY_KEY: 'sk-wrong-key-1234' },
        });
        expect(bad.code).toBe(3);
        expect(bad.stderr.split('\n').filter((l) => l.startsWith('backflow:'))).toHaveLength(1);
        expect(bad.stderr).toMatch(/key/i);
        for (const output of [good.stdout, good.stderr, bad.stdout, bad.stderr]) {
          expect(output).not.toContain(secret);
          expect(output).not.toContain('sk-wrong-key-1234');
        }
      },
      {
        env: { SIM_KEY: secret },
      },
    );
  });

  it('a malformed dataset exits 1 with a one-line reason naming the line', async () => {
    const bad = join(tmp.dir, 'bad.jsonl');
    const good = readFileSync(fixture.train, 'utf8').split('\n')[0];
    writeFileSync(bad, `${good}\n{"inputs": {"text": "oops"}, "target": \n`);
    const result = await runCli(['run', fixture.workflow, '--data', bad]);
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^backflow: malformed dataset .*bad\.jsonl: line 2: /);
  });

  it('a missing API-key variable exits 2 with a one-line reason, before any call', async () => {
    const result = await runCli(
      [
        'run',
        fixture.workflow,
        '--data',
        fixture.train,
        '--provider',
        'openai',
        '--base-url',
        'http://127.0.0.1:9/v1',
      ].concat(['--api-key-env', 'BACKFLOW_TEST_UNSET_KEY']),
      { env: { BACKFLOW_TEST_UNSET_KEY: undefined } },
    );
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('BACKFLOW_TEST_UNSET_KEY');
  });

  it('an unreachable base URL exits 3 with the diagnosis on one line', async () => {
    const port = await closedPort();
    const result = await runCli([
      'run',
      fixture.workflow,
      '--data',
      fixture.train,
      '--limit',
      '2',
      '--quiet',
      '--provider',
      'openai',
      '--base-url',
      `http://127.0.0.1:${port}/v1`,
      '--max-attempts',
      '2',
    ]);
    expect(result.code).toBe(3);
    const lines = result.stderr.trim().split('\n');
    expect(lines.at(-1)).toMatch(/^backflow: \d+ model call\(s\) failed after retries: /);
    expect(lines.filter((l) => l.startsWith('backflow:'))).toHaveLength(1);
  });

  it('usage errors exit 2', async () => {
    const cases = [
      ['run', fixture.workflow],
      ['run', fixture.workflow, '--data', fixture.train, '--limit', '0'],
      ['run', fixture.workflow, '--data', fixture.train, '--provider', 'nope'],
      ['run', fixture.workflow, '--data', fixture.train, '--split', 'holdout'],
      ['run', fixture.workflow, '--data', fixture.train, '--base-url', 'not a url'],
      ['run', fixture.workflow, '--data', fixture.train, '--provider', 'sim', '--base-url', 'http://x/v1'],
    ];
    for (const args of cases) {
      const result = await runCli(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
