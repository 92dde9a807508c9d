/**
 * Benchmark 1, scheduling efficiency: one optimization iteration of each algorithm against
 * serve-sim (fixed latency, in a process of its own) through the real OpenAI provider stack,
 * compared to the ideal bound max(critical-path calls x latency, total calls / concurrency x
 * latency) and to the phase bound (the same per barrier-separated phase; see lib/bounds.ts).
 * Calls are counted from the server's request log. Ratio 1.00 would be a perfect scheduler with
 * zero overhead. Each case also runs with the engine's lookahead off, side by side.
 */
import type { AlgorithmName } from '@backflow/engine';
import { idealBound, phaseBound } from './lib/bounds';
import { measureClientRounds } from './lib/client-rounds';
import { startEndpointProcess } from './lib/endpoint-process';
import { runIteration } from './lib/iteration';
import { httpContext } from './lib/models';
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
  const endpoint = await startEndpointProcess(latencyMs);
  const rows: FigureRow[] = [];
  const notes: string[] = [];
  try {
    // What a round of k calls costs this client on its own, to price the phase bound with.
    const client = await measureClientRounds(
      httpContext(endpoint.baseURL, concurrency).forwardModel,
      concurrency,
    );
    notes.push(
      `client round of k = 1..${concurrency} calls sent together (median ms): ${client.roundMs.map((ms) => round(ms, 1)).join(', ')}`,
    );
    for (const bench of cases) {
      for (const algorithm of ALGORITHMS) {
        const figures = {
          ratio: [] as number[],
          phase: [] as number[],
          client: [] as number[],
          wall: [] as number[],
          off: [] as number[],
        };
        let last = { calls: 0, critical: 0, bound: 0, phaseBound: 0, clientPhase: 0, unused: 0 };
        for (let r = 0; r < repeats; r++) {
          for (const lookahead of [true, false]) {
            // A fresh provider per run: no limiter or connection state carried between runs.
            const ctx = httpContext(endpoint.baseURL, concurrency);
            const fig = await runIteration(ctx, bench, {
              algorithm,
              batchSize,
              errorBatchSize: 4,
              lookahead,
              callCount: endpoint.completions,
            });
            if (!lookahead) {
              figures.off.push(fig.wallMs);
              continue;
            }
            const bound = idealBound(fig.criticalPathCalls, fig.calls, latencyMs, concurrency);
            const phase = phaseBound(
              algorithm,
              bench.workflow,
              fig.units,
              fig.errorBatch,
              latencyMs,
              concurrency,
            );
            figures.ratio.push(fig.wallMs / bound);
            figures.phase.push(fig.wallMs / phase);
            const clientPhase = phaseBound(
              algorithm,
              bench.workflow,
              fig.units,
              fig.errorBatch,
              client.roundTime,
              concurrency,
            );
            figures.client.push(fig.wallMs / clientPhase);
            figures.wall.push(fig.wallMs);
            last = {
              calls: fig.calls,
              critical: fig.criticalPathCalls,
              bound,
              phaseBound: phase,
              clientPhase,
              unused: fig.unusedCalls,
            };
          }
        }
        rows.push({
          workflow: bench.name,
          algorithm,
          calls: last.calls,
          criticalPathCalls: last.critical,
          boundMs: round(last.bound, 0),
          medianWallMs: round(median(figures.wall), 0),
          ratio: round(median(figures.ratio), 3),
          target: '<= 1.10',
          phaseBoundMs: round(last.phaseBound, 0),
          phaseRatio: round(median(figures.phase), 3),
          clientRoundsBoundMs: round(last.clientPhase, 0),
          ratioToClientRounds: round(median(figures.client), 3),
          lookaheadOffWallMs: round(median(figures.off), 0),
          unusedCalls: last.unused,
        });
      }
    }
  } finally {
    await endpoint.close();
  }
  return {
    title: `1. Scheduling efficiency (serve-sim ${latencyMs} ms, concurrency ${concurrency}, minibatch ${batchSize}, median of ${repeats})`,
    rows,
    notes,
  };
}
