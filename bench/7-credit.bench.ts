/**
 * Benchmark 7, credit: does each backward method put the blame on the broken node, and does the
 * optimization repair it? On the credit suites (packages/sim/credit-suites: chains of 7 and 8, a
 * diamond with a skip edge, a fan-in of four, a fan-out of three, two outputs; single, double and
 * triple faults of four kinds), each case is optimized with `--iterations 5 --batch-size 8` for
 * every seed, with GTBP and semantic backprop in both backward modes (the papers' faithful steps,
 * Backflow's weighed steps) and TextGrad. Figures, not pass/fail:
 *
 * - top-1: the single highest blame of iteration 1 is a broken node's (a tie with an intact node
 *   is a miss; a tie among broken nodes only is a hit);
 * - all in top k: every broken node's blame is strictly above every intact node's;
 * - repaired: the validation score reaches 100% within the iterations (single faults separately;
 *   in the noisy world: the final prompts score 100% on validation without slips);
 * - iterations and calls until repair (repaired runs; calls include forward, backward, update and
 *   gate calls).
 *
 * BENCH_CREDIT_SEEDS (default 5) sets the seeds of the exact world; BENCH_CREDIT_NOISE (default
 * 0.1) the slip rate of the noisy world's extra rows (forward calls at temperature > 0 slip; 0
 * skips them), run over BENCH_CREDIT_NOISE_SEEDS (default 2) seeds.
 */
import type { AlgorithmName } from '@backflow/engine';
import { type CreditRun, loadCreditCases, runCreditCase } from './lib/credit';
import type { BenchResult, FigureRow } from './lib/result';
import { envInt, round } from './lib/stats';

const VARIANTS: { algorithm: AlgorithmName; mode?: 'faithful' | 'weighed' }[] = [
  { algorithm: 'gtbp', mode: 'faithful' },
  { algorithm: 'gtbp', mode: 'weighed' },
  { algorithm: 'sembp', mode: 'faithful' },
  { algorithm: 'sembp', mode: 'weighed' },
  { algorithm: 'textgrad' },
];

const pct = (n: number, d: number) => (d === 0 ? null : round((100 * n) / d, 1));
const mean = (xs: readonly number[]) =>
  xs.length === 0 ? null : round(xs.reduce((a, b) => a + b, 0) / xs.length, 2);

/** One table row from the runs of one variant (and optionally one group of cases). */
function summarize(label: Record<string, string>, runs: { run: CreditRun; single: boolean }[]): FigureRow {
  const repaired = runs.filter((r) => r.run.repaired);
  const singles = runs.filter((r) => r.single);
  return {
    ...label,
    runs: runs.length,
    top1Pct: pct(runs.filter((r) => r.run.top1).length, runs.length),
    allInTopKPct: pct(runs.filter((r) => r.run.allInTopK).length, runs.length),
    repairedPct: pct(repaired.length, runs.length),
    singleRepairedPct: pct(singles.filter((r) => r.run.repaired).length, singles.length),
    itersToRepair: mean(repaired.map((r) => r.run.iterationsToRepair ?? 0)),
    callsToRepair: mean(repaired.map((r) => r.run.calls)),
  };
}

export async function run(): Promise<BenchResult> {
  const seeds = envInt('BENCH_CREDIT_SEEDS', 5);
  const noise = Number(process.env.BENCH_CREDIT_NOISE ?? '0.1');
  const noiseSeeds = envInt('BENCH_CREDIT_NOISE_SEEDS', 2);
  const cases = loadCreditCases();
  const rows: FigureRow[] = [];
  const byShape: FigureRow[] = [];
  const worlds = noise > 0 ? [0, noise] : [0];
  for (const slip of worlds) {
    for (const v of VARIANTS) {
      const runs: { run: CreditRun; single: boolean; shape: string }[] = [];
      for (let seed = 1; seed <= (slip === 0 ? seeds : noiseSeeds); seed++) {
        for (const c of cases) {
          const run = await runCreditCase(c, {
            algorithm: v.algorithm,
            seed,
            settings: v.mode ? { backwardMode: v.mode } : {},
            slipRate: slip,
          });
          runs.push({ run, single: c.culprits.length === 1, shape: c.shape });
        }
      }
      const label = {
        world: slip === 0 ? 'exact' : `slips ${slip}`,
        method: v.algorithm,
        mode: v.mode ?? '-',
      };
      rows.push(summarize(label, runs));
      if (slip === 0)
        for (const shape of [...new Set(runs.map((r) => r.shape))])
          byShape.push(
            summarize(
              { ...label, shape },
              runs.filter((r) => r.shape === shape),
            ),
          );
    }
  }
  return {
    title: `7. Credit (credit suites: ${cases.length} cases, ${seeds} seeds exact / ${noiseSeeds} noisy, 5 iterations, batch 8, simulated models)`,
    rows,
    notes: [
      'top-1: highest blame of iteration 1 on a broken node (a tie with an intact node is a miss)',
      `per-shape rows (exact world) are in bench/results/latest.json under detail`,
    ],
    detail: { byShape },
  };
}
