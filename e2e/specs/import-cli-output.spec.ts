import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { RECEIPT_EXAMPLE, StudioPage } from '../pages/studio';

// One format both ways: the studio opens what the command line writes (workflow.optimized.json,
// a bare workflow document), and the command line reads what the studio exports (the bundle,
// dataset included, so --data can be left out).

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(root, 'apps/cli/dist/backflow.mjs');
const fixture = join(root, 'packages/sim/fixtures/chain3-receipt');

function node(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: root, timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

let dir: string;
test.beforeAll(async () => {
  test.setTimeout(180_000);
  // `pnpm test` builds the CLI before the e2e step; build it here when the spec runs alone.
  if (!existsSync(cli)) {
    const built = await node([join(root, 'apps/cli/scripts/build.mjs')]);
    expect(built.code, built.stderr).toBe(0);
  }
  dir = mkdtempSync(join(tmpdir(), 'backflow-import-cli-'));
});
test.afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the studio imports the CLI’s workflow.optimized.json, and its report.json + calls.jsonl into the run views', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const out = join(dir, 'optimize');
  const result = await node([
    cli,
    'optimize',
    join(fixture, 'broken-1.workflow.json'),
    ...['--data', join(fixture, 'train.jsonl'), '--val', join(fixture, 'val.jsonl')],
    ...['--algorithm', 'sembp', '--iterations', '2', '--seed', '3', '--out', out, '--quiet'],
  ]);
  expect(result.code, result.stderr).toBe(0);
  const optimized = JSON.parse(readFileSync(join(out, 'workflow.optimized.json'), 'utf8')) as {
    name: string;
    nodes: { id: string; systemPrompt?: string }[];
  };
  const broken = JSON.parse(
    readFileSync(join(fixture, 'broken-1.workflow.json'), 'utf8'),
  ) as typeof optimized;
  const promptsOf = (w: typeof optimized) =>
    Object.fromEntries(
      w.nodes.filter((n) => n.systemPrompt !== undefined).map((n) => [n.id, n.systemPrompt]),
    );
  // The run really changed a prompt, so the import below shows the CLI's result, not the fixture.
  expect(promptsOf(optimized)).not.toEqual(promptsOf(broken));

  const studio = new StudioPage(page);
  await studio.open();
  await page.getByTestId('import-workflow-input').setInputFiles(join(out, 'workflow.optimized.json'));
  await expect(page.getByText(`Imported "${optimized.name}".`)).toBeVisible();
  const opened = (await studio.workflow()) as unknown as typeof optimized;
  expect(promptsOf(opened)).toEqual(promptsOf(optimized));
  expect(opened.nodes.map((n) => n.id).sort()).toEqual(optimized.nodes.map((n) => n.id).sort());

  // The run directory's report.json with its calls.jsonl opens in the run views.
  const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as {
    iterations: unknown[];
  };
  const projectsBefore = await page.evaluate(() => indexedDB.databases().then((d) => d.length));
  await page
    .getByTestId('import-workflow-input')
    .setInputFiles([join(out, 'report.json'), join(out, 'calls.jsonl')]);
  const dialog = page.getByTestId('imported-run-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('imported-run-status')).toHaveText(/completed|stopped early|budget/);
  await expect(dialog.getByTestId('imported-run-workflow')).toContainText(
    optimized.name.split(' (')[0] ?? '',
  );
  await expect(dialog.getByRole('table', { name: /Per-iteration metrics/ }).locator('tbody tr')).toHaveCount(
    report.iterations.length,
  );
  const lines = readFileSync(join(out, 'calls.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  await expect(dialog.getByTestId('call-log-count')).toContainText(`of ${lines.length} calls`);
  await expect(dialog.getByTestId('imported-run-changes').getByTestId('text-diff').first()).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  // A malformed report is refused with a sentence; nothing opens and nothing is stored.
  const bad = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { iterations?: unknown };
  delete bad.iterations;
  await page.getByTestId('import-workflow-input').setInputFiles({
    name: 'report.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(bad)),
  });
  await expect(page.getByText(/the report is malformed \(iterations: /)).toBeVisible();
  await expect(dialog).toHaveCount(0);
  expect(await page.evaluate(() => indexedDB.databases().then((d) => d.length))).toBe(projectsBefore);
  expect(studio.errors).toEqual([]);
});

test('the CLI validates, runs and optimizes the studio’s export bundle, taking its dataset', async ({
  page,
}, info) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1600, height: 900 });
  const studio = new StudioPage(page);
  await studio.open();
  await studio.openExample(RECEIPT_EXAMPLE);
  const datasetSize = (await studio.state()).datasetSize;
  expect(datasetSize).toBeGreaterThan(0);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export' }).click();
  await page.getByRole('menuitem', { name: 'Workflow + dataset' }).click();
  const bundle = info.outputPath('studio.backflow.json');
  await (await download).saveAs(bundle);

  const validated = await node([cli, 'validate', bundle]);
  expect(validated.code, validated.stdout + validated.stderr).toBe(0);

  const run = await node([cli, 'run', bundle, '--json', '--quiet']);
  expect(run.code, run.stderr).toBe(0);
  const ran = JSON.parse(run.stdout) as { data: { examples: number } };
  expect(ran.data.examples).toBe(datasetSize);

  const out = join(dir, 'from-bundle');
  const optimized = await node([
    cli,
    'optimize',
    bundle,
    '--algorithm',
    'gtbp',
    '--iterations',
    '1',
    '--out',
    out,
    '--quiet',
  ]);
  expect(optimized.code, optimized.stderr).toBe(0);
  const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as {
    data: { file: string; trainExamples: number; valExamples: number };
  };
  expect(report.data.file).toContain('studio.backflow.json (dataset');
  // The studio's split: train and validation from the bundle's examples, test left out.
  expect(report.data.trainExamples).toBeGreaterThan(0);
  expect(report.data.trainExamples + report.data.valExamples).toBeLessThanOrEqual(datasetSize);
  expect(studio.errors).toEqual([]);
});
