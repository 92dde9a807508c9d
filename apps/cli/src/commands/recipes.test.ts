// `backflow recipes` and `optimize --recipe` / `--test`, in process, on the shared data subsets.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OptimizeReport } from '@backflow/engine';
import { CliError } from '../cli/exit-codes';
import type { CliIo } from '../cli/io';
import { repoRoot } from '../test-support/built-cli';
import { type SimFixture, simFixtures, tempDir } from '../test-support/fixtures';
import { optimizeCommand } from './optimize';
import { recipesCommand } from './recipes';

let tmp: ReturnType<typeof tempDir>;
beforeAll(() => {
  tmp = tempDir('recipes');
});
afterAll(() => tmp.remove());

function captureIo(): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (t: string) => {
      io.out += t;
    },
    stderr: (t: string) => {
      io.err += t;
    },
    stderrIsTty: false,
    columns: 80,
    env: {},
    cwd: repoRoot,
    now: () => Date.now(),
  };
  return io;
}

const signal = new AbortController().signal;
const report = (dir: string) => JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as OptimizeReport;

async function exitCodeOf(argv: string[]): Promise<number> {
  try {
    return await optimizeCommand.run(argv, captureIo(), signal);
  } catch (error) {
    if (error instanceof CliError) return error.exitCode;
    throw error;
  }
}

describe('backflow recipes', () => {
  it('lists every recipe with its models and files, as text and as JSON lines', async () => {
    const io = captureIo();
    expect(await recipesCommand.run([], io, signal)).toBe(0);
    for (const name of [
      'sembp-gsm8k',
      'sembp-bbh/object_counting',
      'sembp-liar',
      'textgrad-gsm8k',
      'gtbp-hotpotqa',
    ])
      expect(io.out).toContain(name);
    const json = captureIo();
    await recipesCommand.run(['--json'], json, signal);
    const rows = json.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows.find((r) => r.name === 'textgrad-bbh-object-counting')).toMatchObject({
      paper: 'textgrad',
      models: { forward: 'gpt-3.5-turbo-0125', optimizer: 'gpt-4o' },
      files: ['bbh/object_counting.json'],
    });
  });
});

describe('optimize --recipe', () => {
  it('runs the recipe on its real subset, scores the test split once, and says so in report.json', async () => {
    const out = join(tmp.dir, 'hotpot');
    const io = captureIo();
    const argv = ['--recipe', 'gtbp-hotpotqa', '--data-dir', '../shared/datasets', '--iterations', '1'];
    const code = await optimizeCommand.run(
      [...argv, '--batch-size', '2', '--quiet', '--out', out],
      io,
      signal,
    );
    expect(code, io.err).toBe(0);
    const r = report(out);
    expect(r.recipe).toBe('gtbp-hotpotqa');
    expect(r.simulated).toBe(true);
    expect(r.algorithm).toBe('gtbp');
    // The recipe's settings, with the flags given on top.
    expect(r.settings).toMatchObject({ iterations: 1, batchSize: 2, errorBatchSize: 4, gtbp: { m0: 3 } });
    // 40 records: the 150/300/300 split scaled to 8/16/16, and the note says so.
    expect(r.data).toMatchObject({ trainExamples: 8, valExamples: 16 });
    expect(io.err).toContain('scaled to train 8, val 16, test 16');
    expect(io.err).toContain('forward gpt-4.1-mini, optimizer gpt-4.1-mini');
    expect(r.test).toMatchObject({ examples: 16, simulated: true });
    expect(r.test!.perExample).toHaveLength(16);
    expect(io.out).toContain('held-out examples (simulated model)');
  });

  it('refuses unknown recipes, file flags beside --recipe, and a folder without the files', async () => {
    const out = join(tmp.dir, 'bad');
    expect(await exitCodeOf(['--recipe', 'nope', '--data-dir', '.', '--out', out])).toBe(2);
    const beside = ['--recipe', 'sembp-gsm8k', '--data-dir', '../shared/datasets', '--data', 'x.jsonl'];
    expect(await exitCodeOf([...beside, '--out', out])).toBe(2);
    expect(await exitCodeOf(['--recipe', 'sembp-gsm8k', '--out', out])).toBe(2);
    expect(await exitCodeOf(['--recipe', 'sembp-gsm8k', '--data-dir', 'docs', '--out', out])).toBe(1);
  });
});

describe('optimize --test', () => {
  const fixture = simFixtures()[0] as SimFixture;

  it('scores a held-out file with the final prompts after the run', async () => {
    const out = join(tmp.dir, 'test-flag');
    const io = captureIo();
    const argv = [
      'optimize',
      fixture.workflow,
      '--data',
      fixture.train,
      '--val',
      fixture.val,
      '--test',
      fixture.val,
    ];
    const code = await optimizeCommand.run(
      [...argv.slice(1), '--algorithm', 'sembp', '--iterations', '1', '--quiet', '--out', out],
      io,
      signal,
    );
    expect(code, io.err).toBe(0);
    const r = report(out);
    expect(r.test?.file).toBe(fixture.val);
    expect(r.test?.examples).toBe(readFileSync(fixture.val, 'utf8').trim().split('\n').length);
    // The same examples as validation and the same final prompts: the same score.
    expect(r.test?.score).toBeCloseTo(r.final.valScore ?? -1, 10);
    expect(r.recipe).toBeUndefined();
  });
});
