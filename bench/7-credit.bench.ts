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
 * skips them), run over BENCH_CREDIT_NOISE_SEEDS (default 2) seeds. Each (method, mode, seed,
 * world) slice runs in a child process; BENCH_CREDIT_PROCS (default: half the cores, at least 1)
 * of them at a time. Rows are also split by shape and by fault count (detail in latest.json).
 */
import { availableParallelism } from 'node:os';
import type { AlgorithmName } from '@backflow/engine';
import { type CreditJob, type CreditJobResult, loadCreditCases, runCreditJobs } from './lib/credit';
import type { BenchResult, FigureRow } from './lib/result';
import { envInt, round } from './lib/stats';

const VARIANTS: { algorithm: AlgorithmName; mode?: 'faithful' | 'weighed' }[] = [
  { algorithm: 'gtbp', mode: 'faithful' },
  { algorithm: 'gtbp', mode: 'weighed' },
  { algorithm: 'sembp', mode: 'faithful' },
  { algorithm: 'sembp', mode: 'weighed' },
  { algorithm: 'textgrad' },
];

const FAULTS: Record<number, string> = { 1: 'single', 2: 'double', 3: 'triple' };

const pct = (n: number, d: number) => (d === 0 ? null : round((100 * n) / d, 1));
const mean = (xs: readonly number[]) =>
  xs.length === 0 ? null : round(xs.reduce((a, b) => a + b, 0) / xs.length, 2);

/** One table row from the runs of one variant (and optionally one group of cases). */
function summarize(label: Record<string, string>, runs: readonly CreditJobResult[]): FigureRow {
  const repaired = runs.filter((r) => r.run.repaired);
  const singles = runs.filter((r) => r.faults === 1);
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

/** Rows per value of `key` (a shape, a fault count) for one variant's runs. */
function splitBy(
  label: Record<string, string>,
  runs: readonly CreditJobResult[],
  name: string,
  key: (r: CreditJobResult) => string,
): FigureRow[] {
  return [...new Set(runs.map(key))].sort().map((value) =>
    summarize(
      { ...label, [name]: value },
      runs.filter((r) => key(r) === value),
    ),
  );
}

export async function run(): Promise<BenchResult> {
  const seeds = envInt('BENCH_CREDIT_SEEDS', 5);
  const noise = Number(process.env.BENCH_CREDIT_NOISE ?? '0.1');
  const noiseSeeds = envInt('BENCH_CREDIT_NOISE_SEEDS', 2);
  // The simulator is CPU-bound: slices run in child processes, by default one per two cores (the
  // machine may be shared), at least one.
  const processes = envInt('BENCH_CREDIT_PROCS', Math.max(1, Math.floor(availableParallelism() / 2)));
  const cases = loadCreditCases();
  const worlds = noise > 0 ? [0, noise] : [0];
  const slices: { job: CreditJob; variant: number }[] = [];
  for (const slipRate of worlds)
    VARIANTS.forEach((v, variant) => {
      for (let seed = 1; seed <= (slipRate === 0 ? seeds : noiseSeeds); seed++)
        slices.push({
          job: { algorithm: v.algorithm, ...(v.mode ? { mode: v.mode } : {}), seed, slipRate },
          variant,
        });
    });
  const results = await runCreditJobs(
    slices.map((s) => s.job),
    processes,
  );
  const rows: FigureRow[] = [];
  const byShape: FigureRow[] = [];
  const byFaults: FigureRow[] = [];
  for (const slipRate of worlds)
    VARIANTS.forEach((v, variant) => {
      const runs = slices.flatMap((s, i) =>
        s.variant === variant && s.job.slipRate === slipRate ? (results[i] ?? []) : [],
      );
      const label = {
        world: slipRate === 0 ? 'exact' : `slips ${slipRate}`,
        method: v.algorithm,
        mode: v.mode ?? '-',
      };
      rows.push(summarize(label, runs));
      if (slipRate !== 0) return;
      byShape.push(...splitBy(label, runs, 'shape', (r) => r.shape));
      byFaults.push(...splitBy(label, runs, 'faults', (r) => FAULTS[r.faults] ?? String(r.faults)));
    });
  return {
    title: `7. Credit (credit suites: ${cases.length} cases, ${seeds} seeds exact / ${noise > 0 ? noiseSeeds : 0} noisy, 5 iterations, batch 8, simulated models, ${processes} processes)`,
    rows,
    notes: [
      'top-1: highest blame of iteration 1 on a broken node (a tie with an intact node is a miss)',
      'rows by shape and by fault count (exact world) are in bench/results/latest.json under detail',
    ],
    detail: { byShape, byFaults },
  };
}
