import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSimulatedModel } from '@backflow/sim';
import { type SimServer, startSimServer } from '@backflow/sim/server';
import { runCli } from '../test-support/built-cli';
import { builtCliTempDir, firstBroken, type SimFixture, simFixtures } from '../test-support/fixtures';

const fixture = simFixtures()[0] as SimFixture;
const tmp = builtCliTempDir('experiment');

interface ExperimentJson {
  stopped: string | null;
  simulated: boolean;
  runs: { arm: string; seed: number; testScore: number; testScores: number[]; wallMs: number }[];
  summary: { arms: { arm: string; runs: number }[]; comparisons: { a: string; b: string; pairs: number }[] };
}
const readResult = (dir: string) =>
  JSON.parse(readFileSync(join(dir, 'experiment.json'), 'utf8')) as ExperimentJson;

function args(out: string, extra: string[] = []): string[] {
  return [
    'experiment',
    firstBroken(fixture),
    '--data',
    fixture.train,
    '--val-split',
    '0.25',
    '--test',
    fixture.val,
    '--arms',
    'gtbp,textgrad',
    '--seeds',
    '1,2',
    '--iterations',
    '2',
    '--batch-size',
    '4',
    '--quiet',
    '--out',
    out,
    ...extra,
  ];
}

describe('backflow experiment', () => {
  it('runs every arm under every seed and writes the report, the chart and the results', async () => {
    const out = join(tmp.dir, 'full');
    const result = await runCli(args(out));
    expect(result.stderr).toMatch(/2 arms x 2 seeds = 4 runs .* preflight estimate: at most \d+ calls/);
    expect(result.code).toBe(0);
    const json = readResult(out);
    expect(json.stopped).toBeNull();
    expect(json.simulated).toBe(true);
    expect(json.runs.map((r) => `${r.arm}@${r.seed}`)).toEqual([
      'gtbp@1',
      'gtbp@2',
      'textgrad@1',
      'textgrad@2',
    ]);
    expect(json.summary.arms.map((a) => a.runs)).toEqual([2, 2]);
    const valExamples = readFileSync(fixture.val, 'utf8').trim().split('\n').length;
    expect(json.summary.comparisons).toEqual([
      expect.objectContaining({ a: 'gtbp', b: 'textgrad', pairs: 2 * valExamples }),
    ]);
    const md = readFileSync(join(out, 'experiment.md'), 'utf8');
    expect(md).toContain('Simulated model (offline)');
    expect(md).toContain('| textgrad vs gtbp |');
    expect(result.stdout).toBe(md);
    expect(readFileSync(join(out, 'curves.svg'), 'utf8')).toMatch(/^<svg /);
  }, 240_000);

  it('stops at the grid budget with a partial report, and a resume with a larger budget finishes it the same', async () => {
    const reference = readResult(join(tmp.dir, 'full'));
    const out = join(tmp.dir, 'budget');
    const stopped = await runCli(args(out, ['--budget-calls', '60']));
    expect(stopped.code).toBe(4);
    expect(readResult(out).stopped).toBe('budgetExhausted');
    expect(readFileSync(join(out, 'experiment.md'), 'utf8')).toContain(
      'The grid is incomplete: the budget ran out',
    );
    const resumed = await runCli(['experiment', '--resume', out, '--budget-calls', '1000000', '--quiet']);
    expect(resumed.code).toBe(0);
    const strip = (json: ExperimentJson) => json.runs.map(({ wallMs: _, ...rest }) => rest);
    expect(strip(readResult(out))).toEqual(strip(reference));
  }, 240_000);

  it('prints the preflight and writes nothing with --dry-run', async () => {
    const out = join(tmp.dir, 'dry');
    const result = await runCli(args(out, ['--dry-run']));
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/preflight estimate/);
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    ['an unknown arm', ['--arms', 'gtbp,nope'], 2, /--arms takes algorithm names .* got "nope"/],
    ['a repeated seed', ['--seeds', '1,1'], 2, /--seeds lists a seed twice/],
    ['both --arms and --arms-file', ['--arms-file', 'x.json'], 2, /either --arms or --arms-file/],
  ])('refuses %s with one line and the usage exit code', async (_name, extra, code, message) => {
    const result = await runCli(args(join(tmp.dir, 'bad'), extra));
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('says where a test split is missing, and refuses to start over an existing experiment', async () => {
    const noTest = await runCli([
      'experiment',
      firstBroken(fixture),
      '--data',
      fixture.train,
      '--out',
      join(tmp.dir, 'no-test'),
    ]);
    expect(noTest.code).toBe(1);
    expect(noTest.stderr).toMatch(/no test examples: give --test FILE/);
    const again = await runCli(args(join(tmp.dir, 'full')));
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already holds an experiment: continue it with --resume/);
  });
});

describe('backflow experiment --batch', () => {
  let server: SimServer;
  beforeAll(async () => {
    server = await startSimServer({ model: createSimulatedModel({ seed: 1 }) });
  });
  afterAll(() => server.close());

  it('scores each test split through the Batch API of serve-sim, with the batch ids kept', async () => {
    const out = join(tmp.dir, 'batch');
    // A later --seeds wins over the one args() gives (parseArgs keeps the last value).
    const result = await runCli(
      args(out, [
        '--seeds',
        '1',
        '--base-url',
        server.baseURL,
        '--model',
        'backflow-sim',
        '--batch',
        '--batch-poll-ms',
        '5',
      ]),
    );
    expect(result.stderr).not.toMatch(/internal error/);
    expect(result.code).toBe(0);
    const json = readResult(out);
    expect(json.runs).toHaveLength(2);
    expect(json.simulated).toBe(true);
    const batches = server.log.filter((e) => e.method === 'POST' && e.path === '/v1/batches');
    expect(batches.length).toBeGreaterThanOrEqual(2);
    const ids = JSON.parse(readFileSync(join(out, 'batches.json'), 'utf8')) as Record<string, string>;
    expect(Object.keys(ids)).toHaveLength(batches.length);
  }, 240_000);

  it('refuses --batch on the in-process simulator before writing anything', async () => {
    const out = join(tmp.dir, 'batch-sim');
    const result = await runCli(args(out, ['--batch']));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--batch needs an OpenAI-compatible endpoint/);
    expect(existsSync(out)).toBe(false);
  });
});
