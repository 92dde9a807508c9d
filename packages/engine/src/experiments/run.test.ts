import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
// The simulator's public entry, by path: the engine package does not depend on @backflow/sim.
import { createSimulatedModel } from '../../../sim/src/index';
import { brokenFixtures } from '../optim/test-support/fixtures';
import { experimentChartSvg } from './chart';
import { renderExperimentMarkdown } from './markdown';
import { gridCells, runExperiment } from './run';
import { summarizeExperiment } from './summary';
import type { ExperimentRun, ExperimentSpec, ExperimentStore } from './types';

const ROOT = join(import.meta.dirname, '..', '..', '..', 'sim', 'fixtures');
const fixture = brokenFixtures(
  ROOT,
  (dir) => readdirSync(dir).filter((name) => !name.startsWith('.')),
  (path) => readFileSync(path, 'utf8'),
).find((f) => f.name.startsWith('chain3'))!;

/** An in-memory store that survives between two `runExperiment` calls, as files or IndexedDB do. */
function memoryStore() {
  const runs = new Map<string, ExperimentRun>();
  const checkpoints = new Map<string, string>();
  const store: ExperimentStore = {
    loadRun: async (key) => runs.get(key),
    saveRun: async (key, run) => {
      runs.set(key, structuredClone(run));
      checkpoints.delete(key);
    },
    loadCheckpoint: async (key) => {
      const text = checkpoints.get(key);
      return text === undefined ? undefined : JSON.parse(text);
    },
    saveCheckpoint: async (key, checkpoint) => {
      checkpoints.set(key, JSON.stringify(checkpoint));
    },
  };
  return { store, runs, checkpoints };
}

function spec(overrides: Partial<ExperimentSpec> = {}): ExperimentSpec {
  const test = fixture.val.slice(0, 6);
  return {
    workflow: fixture.workflow,
    train: fixture.train.slice(0, 8),
    val: fixture.val.slice(6, 10),
    test,
    arms: [
      { name: 'gtbp', settings: { algorithm: 'gtbp', iterations: 2, batchSize: 4, errorBatchSize: 2 } },
      {
        name: 'textgrad',
        settings: { algorithm: 'textgrad', iterations: 2, batchSize: 4, errorBatchSize: 2 },
      },
    ],
    seeds: [1, 2],
    ...overrides,
  };
}

const context = () => {
  const model = createSimulatedModel({ seed: 4 });
  return { forwardModel: model, optimizerModel: model };
};
let clock = 0;
const now = () => (clock += 5);

describe('runExperiment', () => {
  it('runs every arm under every seed and scores each run once on the test split', async () => {
    const { store } = memoryStore();
    const progress: string[] = [];
    const outcome = await runExperiment(spec(), store, {
      context,
      now,
      onProgress: (p) => progress.push(`${p.runIndex}/${p.runs}`),
    });
    expect(outcome.stopped).toBeNull();
    expect(outcome.runs.map((r) => `${r.arm}@${r.seed}`)).toEqual([
      'gtbp@1',
      'gtbp@2',
      'textgrad@1',
      'textgrad@2',
    ]);
    for (const run of outcome.runs) {
      expect(run.testIds).toEqual(spec().test.map((e) => e.id));
      expect(run.testScores).toHaveLength(6);
      expect(run.testScore).toBeCloseTo(run.testScores.reduce((s, x) => s + x, 0) / 6, 12);
      expect(run.totals.calls).toBeGreaterThan(0);
      expect(run.valCurve.length).toBeGreaterThan(0);
      expect(run.wallMs).toBeGreaterThan(0);
    }
    expect(outcome.spent.calls).toBe(outcome.runs.reduce((s, r) => s + r.totals.calls, 0));
    expect(new Set(progress)).toEqual(new Set(['0/4', '1/4', '2/4', '3/4']));
  });

  it('resumes an aborted grid to the same runs without redoing finished ones', async () => {
    const reference = await runExperiment(spec(), memoryStore().store, { context, now });
    const { store, runs } = memoryStore();
    const controller = new AbortController();
    let units = 0;
    const first = await runExperiment(spec(), store, {
      context,
      now,
      signal: controller.signal,
      onProgress: () => {
        if (++units === 12) controller.abort();
      },
    });
    expect(first.stopped).toBe('aborted');
    const finishedBefore = runs.size;
    expect(finishedBefore).toBeLessThan(4);
    const second = await runExperiment(spec(), store, { context, now });
    expect(second.stopped).toBeNull();
    const strip = (r: ExperimentRun) => ({ ...r, wallMs: 0 });
    expect(second.runs.map(strip)).toEqual(reference.runs.map(strip));
  });

  it('stops cleanly at the budget and finishes the grid when resumed without it', async () => {
    const { store } = memoryStore();
    const limited = await runExperiment(spec({ budget: { maxCalls: 40 } }), store, { context, now });
    expect(limited.stopped).toBe('budgetExhausted');
    const resumed = await runExperiment(spec(), store, { context, now });
    expect(resumed.stopped).toBeNull();
    expect(resumed.runs).toHaveLength(4);
  });

  it('refuses a grid without arms, seeds or test examples, or with twin names', async () => {
    const { store } = memoryStore();
    const run = (s: ExperimentSpec) => runExperiment(s, store, { context });
    await expect(run(spec({ arms: [] }))).rejects.toThrow(/at least one arm/);
    await expect(run(spec({ seeds: [] }))).rejects.toThrow(/at least one seed/);
    await expect(run(spec({ test: [] }))).rejects.toThrow(/test split/);
    await expect(run(spec({ seeds: [1, 1] }))).rejects.toThrow(/seeds must differ/);
    const arm = spec().arms[0]!;
    await expect(run(spec({ arms: [arm, arm] }))).rejects.toThrow(/Two arms are named "gtbp"/);
  });

  it('lists the grid arms outermost', () => {
    expect(gridCells(spec()).map((c) => `${c.arm.name}@${c.seed}`)).toEqual([
      'gtbp@1',
      'gtbp@2',
      'textgrad@1',
      'textgrad@2',
    ]);
  });
});

describe('the experiment report', () => {
  it('pairs arms by seed and example and renders a table, tests and a chart', async () => {
    const outcome = await runExperiment(spec(), memoryStore().store, { context, now });
    const summary = summarizeExperiment(outcome.runs);
    expect(summary.arms.map((a) => [a.arm, a.runs])).toEqual([
      ['gtbp', 2],
      ['textgrad', 2],
    ]);
    const [comparison] = summary.comparisons;
    expect(comparison).toMatchObject({ a: 'gtbp', b: 'textgrad', pairs: 12 });
    for (const arm of summary.arms) {
      expect(arm.testScore.low).toBeLessThanOrEqual(arm.testScore.mean);
      expect(arm.testScore.high).toBeGreaterThanOrEqual(arm.testScore.mean);
    }
    const md = renderExperimentMarkdown(summary, {
      workflowName: 'chain <3>',
      seeds: [1, 2],
      testExamples: 6,
      simulated: true,
      stopped: null,
      chartFile: 'curves.svg',
    });
    expect(md).toContain('**Simulated model (offline).**');
    expect(md).toContain('chain \\<3\\>');
    expect(md).toMatch(/\| gtbp \| 2 \| \d+\.\d% \(\d+\.\d%–\d+\.\d%\)/);
    expect(md).toContain('| textgrad vs gtbp | 12 |');
    expect(md).toContain('![Validation score by iteration');
    const svg = experimentChartSvg(summary.arms);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/<polygon /g)).toHaveLength(2);
    expect(svg.match(/<polyline /g)).toHaveLength(2 + 4);
  });

  it('escapes arm names in the chart', () => {
    const svg = experimentChartSvg([
      {
        arm: '<script>x</script>',
        runs: 1,
        testScore: { mean: 1, low: 1, high: 1, level: 0.95, n: 1 },
        meanCalls: 0,
        meanTokens: 0,
        meanCostUsd: 0,
        meanWallMs: 0,
        curves: [{ seed: 1, values: [0.5, 1] }],
      },
    ]);
    expect(svg).not.toContain('<script>');
  });
});
