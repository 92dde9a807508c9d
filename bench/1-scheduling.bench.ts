/**
 * Benchmark 1, scheduling efficiency: one optimization iteration of each algorithm against
 * serve-sim (fixed latency) through the real OpenAI provider stack, compared to the ideal bound
 * max(critical-path calls x latency, total calls / concurrency x latency). Calls are counted from
 * the server's request log. Ratio 1.00 would be a perfect scheduler with zero overhead.
 */
import type { AlgorithmName } from '@backflow/engine';
import { runIteration, unitBarrierBound } from './lib/iteration';
import { httpContext, startEndpoint } from './lib/models';
import type { BenchResult, FigureRow } from './lib/result';
import { envInt, median, round } from './lib/stats';
import { benchCase, diamond6, fanIn10 } from './lib/workflows';

export const ALGORITHMS: AlgorithmName[] = ['gtbp', 'sembp', 'textgrad'];

/** Runs benchmark 1 (repeats: BENCH_REPEATS, default 3). */
export async function run(): Promise<BenchResult> {
  const repeats = envInt('BENCH_REPEATS', 3);
  const latencyMs = envInt('BENCH_LATENCY_MS', 50);
  const concurrency = envInt('BENCH_CONCURRENCY', 8);
  const batchSize = 16;
  const cases = [await benchCase('diamond-6', diamond6(), 32), await benchCase('fan-in-10', fanIn10(), 32)];
  const endpoint = await startEndpoint(latencyMs);
  const rows: FigureRow[] = [];
  try {
    for (const bench of cases) {
      for (const algorithm of ALGORITHMS) {
        const ratios: number[] = [];
        const unitRatios: number[] = [];
        const walls: number[] = [];
        let last = { calls: 0, critical: 0, bound: 0, unitBound: 0 };
        for (let r = 0; r < repeats; r++) {
          // A fresh provider per repeat: no limiter or connection state carried between repeats.
          const ctx = httpContext(endpoint, concurrency);
          const fig = await runIteration(ctx, bench, {
            algorithm,
            batchSize,
            errorBatchSize: 4,
            callCount: endpoint.completions,
          });
          const bound = Math.max(fig.criticalPathCalls * latencyMs, (fig.calls / concurrency) * latencyMs);
          const unitBound = unitBarrierBound(fig.units, latencyMs, concurrency);
          ratios.push(fig.wallMs / bound);
          unitRatios.push(fig.wallMs / unitBound);
          walls.push(fig.wallMs);
          last = { calls: fig.calls, critical: fig.criticalPathCalls, bound, unitBound };
        }
        rows.push({
          workflow: bench.name,
          algorithm,
          calls: last.calls,
          criticalPathCalls: last.critical,
          boundMs: round(last.bound, 0),
          medianWallMs: round(median(walls), 0),
          ratio: round(median(ratios), 3),
          target: '<= 1.10',
          unitBarrierBoundMs: round(last.unitBound, 0),
          unitBarrierRatio: round(median(unitRatios), 3),
        });
      }
    }
  } finally {
    await endpoint.close();
  }
  return {
    title: `1. Scheduling efficiency (serve-sim ${latencyMs} ms, concurrency ${concurrency}, minibatch ${batchSize}, median of ${repeats})`,
    rows,
  };
}
