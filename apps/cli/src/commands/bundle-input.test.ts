import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Example, labelSplits, type OptimizeReport } from '@backflow/engine';
import { ensureBuiltCli, runCli } from '../test-support/built-cli';
import { firstBroken, type SimFixture, simFixtures, tempDir } from '../test-support/fixtures';

// The studio's "Export → Workflow + dataset" file, built here in its documented shape
// (apps/web/src/persistence/bundle.ts): the CLI takes it wherever it takes a workflow.
const fixture = simFixtures()[0] as SimFixture;
let tmp: ReturnType<typeof tempDir>;
let bundle: string;
let examples: number;
/** How many examples the studio's split (the engine's `labelSplits`) puts in each part: the CLI must agree. */
let splitCount: Record<'train' | 'val' | 'test', number>;

const readJsonl = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

beforeAll(async () => {
  await ensureBuiltCli();
  tmp = tempDir('bundle-input');
  const rows = [...readJsonl(fixture.train), ...readJsonl(fixture.val)];
  examples = rows.length;
  splitCount = { train: 0, val: 0, test: 0 };
  for (const e of labelSplits(rows as unknown as Example[], { seed: 7, train: 0.6, val: 0.3 }))
    splitCount[e.split!]++;
  bundle = join(tmp.dir, 'studio.backflow.json');
  const workflow = JSON.parse(readFileSync(firstBroken(fixture), 'utf8'));
  writeFileSync(
    bundle,
    JSON.stringify({
      format: 'backflow.bundle',
      version: 1,
      exportedAt: '2026-01-01T00:00:00.000Z',
      workflow,
      dataset: {
        dataset: { id: 'd', name: 'receipts', examples: rows, fields: ['receipt'] },
        split: { seed: 7, train: 0.6, val: 0.3 },
      },
    }),
  );
}, 120_000);
afterAll(() => tmp.remove());

describe('a studio export bundle as the workflow argument', () => {
  it('validate reads the workflow inside it', async () => {
    const result = await runCli(['validate', bundle]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain('studio.backflow.json: ');
  });

  it('run takes the bundle’s dataset when --data is left out, and --split picks the studio’s split', async () => {
    const all = await runCli(['run', bundle, '--json', '--quiet']);
    expect(all.code, all.stderr).toBe(0);
    expect(JSON.parse(all.stdout).data).toMatchObject({
      file: expect.stringContaining('(dataset "receipts")'),
      examples,
    });
    const val = await runCli(['run', bundle, '--split', 'val', '--json', '--quiet']);
    expect(val.code, val.stderr).toBe(0);
    expect(splitCount.val).toBeGreaterThan(0);
    expect(JSON.parse(val.stdout).data.examples).toBe(splitCount.val);
  });

  it('an explicit --data wins over the bundled dataset', async () => {
    const result = await runCli(['run', bundle, '--data', fixture.val, '--json', '--quiet']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).data.examples).toBe(readJsonl(fixture.val).length);
  });

  it('optimize trains on the bundle’s train split and validates on its val split', async () => {
    const out = join(tmp.dir, 'optimize');
    const result = await runCli([
      'optimize',
      bundle,
      '--algorithm',
      'sembp',
      '--iterations',
      '2',
      '--out',
      out,
    ]);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as OptimizeReport;
    expect(report.data).toMatchObject({
      file: expect.stringContaining('(dataset "receipts")'),
      trainExamples: splitCount.train,
      valExamples: splitCount.val,
    });
    // What optimize writes is a bare workflow document: the studio and `validate` read it as is.
    const check = await runCli(['validate', join(out, 'workflow.optimized.json')]);
    expect(check.code, check.stdout).toBe(0);
  });
});
