import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OptimizeReport } from '@backflow/engine';
import { runCli } from '../test-support/built-cli';
import { builtCliTempDir, firstBroken, type SimFixture, simFixtures } from '../test-support/fixtures';

const fixture = simFixtures()[0] as SimFixture;
const tmp = builtCliTempDir('optimize-gepa');

// Generous limits: these start Node subprocesses on a shared, possibly busy machine (never a speed check).
describe('backflow optimize --algorithm gepa (built CLI)', { timeout: 120_000 }, () => {
  it('repairs a broken fixture on the simulator and reports the candidate pool', async () => {
    const out = join(tmp.dir, 'gepa');
    const args = ['optimize', firstBroken(fixture), '--data', fixture.train, '--val', fixture.val];
    const result = await runCli([
      ...args,
      ...['--algorithm', 'gepa', '--iterations', '8', '--batch-size', '3', '--seed', '7'],
      ...['--max-candidates', '6', '--merge', 'on', '--out', out],
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(': gepa on ');
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as OptimizeReport;
    expect(report.algorithm).toBe('gepa');
    expect(report.settings).toMatchObject({ batchSize: 3, gepa: { merge: true, maxCandidates: 6 } });
    expect(report.initial.valScore).toBeLessThan(1);
    expect(report.final.valScore).toBe(1);
    const pool = report.gepa;
    expect(pool?.candidates[0]).toMatchObject({ id: 0, origin: 'seed', parents: [] });
    expect(pool?.candidates.length).toBeGreaterThan(1);
    const best = pool?.candidates.find((c) => c.id === pool.best);
    expect(best?.prompts).toEqual(report.final.prompts);
    // The reflection calls are counted like every other call, with their purpose.
    const calls = readFileSync(join(out, 'calls.jsonl'), 'utf8').trimEnd().split('\n');
    expect(calls).toHaveLength(report.totals.calls);
    expect(calls.some((line) => (JSON.parse(line) as { purpose: string }).purpose === 'update')).toBe(true);
    const md = readFileSync(join(out, 'report.md'), 'utf8');
    expect(md).toContain('## GEPA candidates');
    expect(md).toContain('```diff');
  });

  it('refuses a GEPA flag given with another algorithm (exit 2)', async () => {
    const result = await runCli([
      'optimize',
      firstBroken(fixture),
      ...[
        '--data',
        fixture.train,
        '--algorithm',
        'sembp',
        '--max-rollouts',
        '50',
        '--out',
        join(tmp.dir, 'x'),
      ],
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--max-rollouts is a GEPA setting');
  });
});
