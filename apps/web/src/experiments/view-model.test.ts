import {
  type ExperimentRun,
  experimentChartSvg,
  experimentResult,
  findRecipe,
  gridPreflight,
  renderExperimentMarkdown,
  resolveSettings,
  summarizeExperiment,
} from '@backflow/engine';
import { simFixture } from './test-support/fixture';
import {
  ARM_CHOICES,
  armsOf,
  experimentExports,
  gridRows,
  parseSeeds,
  preflightOf,
  resultOf,
  specProblems,
  spentOf,
  splitsOf,
} from './view-model';

const { workflow } = simFixture('chain3-receipt');

const totals = (calls: number) => ({
  calls,
  inputTokens: calls * 10,
  outputTokens: calls * 2,
  costUsd: calls / 1000,
});
function run(arm: string, seed: number, scores: number[]): ExperimentRun {
  return {
    arm,
    seed,
    testScore: scores.reduce((s, x) => s + x, 0) / scores.length,
    testScores: scores,
    testIds: scores.map((_, i) => `t${i}`),
    valCurve: [0.5, 0.5 + seed / 10],
    stopReason: 'completed',
    totals: totals(10 + seed),
    wallMs: 1000 * seed,
  };
}

describe('arms', () => {
  it('every choice resolves to valid settings of its algorithm with its switch on', () => {
    const arms = armsOf(
      ARM_CHOICES.map((c) => c.name),
      { iterations: 2 },
    );
    expect(arms.map((a) => a.name)).toEqual(ARM_CHOICES.map((c) => c.name));
    for (const arm of arms) expect(resolveSettings(arm.settings).iterations).toBe(2);
    const byName = Object.fromEntries(arms.map((a) => [a.name, resolveSettings(a.settings)]));
    expect(byName['sembp-paper']!.sembpProtocol).toBe('paper');
    expect(byName['sembp-no-siblings']!.ablations.sembpNoSiblings).toBe(true);
    expect(byName['sembp-no-gate']!.gate.policy).toBe('none');
    expect(byName['textgrad-mask-siblings']!.ablations.textgradMaskSiblings).toBe(true);
    expect(byName['gtbp-no-reconcile']!.ablations.gtbpNoReconcile).toBe(true);
    expect(byName['gtbp-no-budget']!.ablations.gtbpNoBudget).toBe(true);
    expect(byName.sembp!.ablations.sembpNoSiblings).toBe(false);
  });

  it("an arm of a recipe's algorithm starts from the recipe's settings; others from their defaults", () => {
    const recipe = findRecipe('sembp-liar');
    const [sembp, textgrad] = armsOf(['sembp-no-siblings', 'textgrad'], {}, recipe.settings);
    const s = resolveSettings(sembp!.settings);
    expect(s.iterations).toBe(8);
    expect(s.sembpProtocol).toBe('paper');
    expect(s.ablations.sembpNoSiblings).toBe(true);
    expect(resolveSettings(textgrad!.settings).iterations).toBe(12);
  });
});

describe('seeds, splits and problems', () => {
  it('reads a list or a count of seeds, and says what is wrong', () => {
    expect(parseSeeds('3')).toEqual([1, 2, 3]);
    expect(parseSeeds('4, 9 11')).toEqual([4, 9, 11]);
    expect(parseSeeds('')).toMatch(/at least one/);
    expect(parseSeeds('1, 1')).toMatch(/differ/);
    expect(parseSeeds('1.5')).toMatch(/whole/);
    expect(parseSeeds('0')).toMatch(/1 to 50/);
  });

  it('splits a dataset by its labels and refuses a grid without a test split', () => {
    const ex = (id: string, split?: 'train' | 'val' | 'test') => ({
      id,
      inputs: {},
      target: 'x',
      ...(split ? { split } : {}),
    });
    const s = splitsOf([ex('a'), ex('b', 'train'), ex('c', 'val'), ex('d', 'test')]);
    expect([s.train.length, s.val.length, s.test.length]).toEqual([2, 1, 1]);
    expect(specProblems({ ...s, arms: [], seeds: [1] })).toEqual(['Tick at least one arm.']);
    expect(specProblems({ ...s, test: [], arms: armsOf(['gtbp'], {}), seeds: [1] })[0]).toMatch(
      /no test split/,
    );
  });
});

describe('preflight', () => {
  it("is the engine's grid preflight: the runs' estimates plus one test pass each, times the seeds", () => {
    const ex = Array.from({ length: 10 }, (_, i) => ({ id: `e${i}`, inputs: {}, target: 'x' }));
    const arms = armsOf(['sembp', 'gtbp'], { iterations: 2 });
    const spec = {
      workflow,
      train: ex.slice(0, 6),
      val: ex.slice(6, 8),
      test: ex.slice(8),
      arms,
      seeds: [1, 2, 3],
    };
    const p = preflightOf(spec, { simulated: true });
    expect(p).toEqual(
      gridPreflight(workflow, arms, [1, 2, 3], { train: 6, val: 2, test: 2 }, { simulated: true }),
    );
    expect(p.runs).toBe(6);
    expect(p.calls).toBeGreaterThan(0);
    // Three seeds cost three times one.
    expect(preflightOf({ ...spec, seeds: [1] }, { simulated: true }).calls * 3).toBe(p.calls);
  });
});

describe('table and exports', () => {
  const arms = armsOf(['sembp', 'textgrad'], {});
  const runs = [
    run('sembp', 1, [1, 0, 1, 1]),
    run('sembp', 2, [1, 1, 1, 0]),
    run('textgrad', 1, [0, 0, 1, 1]),
  ];

  it('lists every cell: done with its run, the running one with its unit, the rest pending', () => {
    const rows = gridRows({ arms, seeds: [1, 2] }, runs, {
      runIndex: 3,
      runs: 4,
      arm: 'textgrad',
      seed: 2,
      unit: 5,
      spent: totals(40),
    });
    expect(rows.map((r) => [r.key, r.status])).toEqual([
      ['sembp@1', 'done'],
      ['sembp@2', 'done'],
      ['textgrad@1', 'done'],
      ['textgrad@2', 'running'],
    ]);
    expect(rows[3]!.unit).toBe(5);
    expect(gridRows({ arms, seeds: [1, 2] }, [], null).every((r) => r.status === 'pending')).toBe(true);
  });

  it("exports the engine's result, Markdown and chart, unchanged", () => {
    const spent = spentOf(runs);
    expect(spent.calls).toBe(11 + 12 + 11);
    const context = {
      workflow,
      seeds: [1, 2],
      testExamples: 4,
      simulated: true,
      stopped: 'aborted' as const,
    };
    const out = experimentExports(resultOf(runs, true), context);
    const summary = summarizeExperiment(runs);
    expect(JSON.parse(out.json)).toMatchObject({
      format: 'backflow.experiment',
      version: 1,
      stopped: 'aborted',
      simulated: true,
    });
    expect(JSON.parse(out.json).summary).toEqual(JSON.parse(JSON.stringify(summary)));
    expect(out.markdown).toBe(
      renderExperimentMarkdown(summary, {
        workflowName: workflow.name,
        seeds: [1, 2],
        testExamples: 4,
        simulated: true,
        stopped: 'aborted',
        chartFile: 'curves.svg',
      }),
    );
    expect(out.svg).toBe(experimentChartSvg(summary.arms));
    // The result of the runs, computed once and stopped later, is the engine's result of the grid.
    expect(out.json).toBe(
      `${JSON.stringify(experimentResult({ runs, stopped: 'aborted', spent }, true), null, 2)}\n`,
    );
    expect(out.markdown).toContain('Simulated model');
    expect(out.markdown).toContain('McNemar');
  });
});
