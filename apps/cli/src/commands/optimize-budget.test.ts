import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CallRecord, OptimizeReport } from '@backflow/engine';
import { runCli, withServeSim } from '../test-support/built-cli';
import { builtCliTempDir, firstBroken, type SimFixture, simFixtures } from '../test-support/fixtures';

const fixture = simFixtures()[0] as SimFixture;
const tmp = builtCliTempDir('optimize-budget');

describe('optimize --budget-usd', () => {
  // serve-sim answers as the model it is asked for, so naming gpt-4o-mini prices every call from
  // the default price table: the engine's session counts that cost itself (no CLI bookkeeping).
  it('stops with exit 4 when the dollars run out, and the session totals match the call log', async () => {
    await withServeSim(['--seed', '3'], async (url) => {
      const out = join(tmp.dir, 'usd');
      const budget = 0.0005;
      const result = await runCli([
        'optimize',
        firstBroken(fixture),
        '--data',
        fixture.train,
        '--val',
        fixture.val,
        '--algorithm',
        'sembp',
        '--iterations',
        '3',
        '--seed',
        '7',
        ...[
          '--provider',
          'openai',
          '--base-url',
          url,
          '--model',
          'gpt-4o-mini',
          '--budget-usd',
          String(budget),
        ],
        '--out',
        out,
        '--quiet',
      ]);
      expect(result.code, result.stderr).toBe(4);
      const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as OptimizeReport;
      expect(report.stopReason).toBe('budgetExhausted');
      const records = readFileSync(join(out, 'calls.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as CallRecord);
      const spent = records.reduce((sum, r) => sum + r.costUsd, 0);
      expect(spent).toBeGreaterThan(0);
      // The check before each unit prices it at the average call so far; backward and update
      // calls are dearer than forward ones, so the last unit run may overshoot the limit somewhat.
      expect(spent).toBeLessThan(2 * budget);
      expect(report.totals.costUsd).toBeCloseTo(spent, 12);
      const checkpoint = JSON.parse(readFileSync(join(out, 'checkpoint.json'), 'utf8')) as {
        session: { totals: { costUsd: number; calls: number } };
      };
      expect(checkpoint.session.totals.costUsd).toBeCloseTo(spent, 12);
      expect(checkpoint.session.totals.calls).toBe(records.length);
    });
  }, 120_000);
});
