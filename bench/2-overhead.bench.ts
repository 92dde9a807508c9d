/**
 * Benchmark 2, engine overhead: the iteration of benchmark 1 against the in-process simulator at
 * zero latency, so all time is CPU: LLM calls per second and CPU per call (process.cpuUsage, user +
 * system). The figure includes the simulator's own work (microseconds per call), so it is an upper
 * bound on the engine's share.
 */
import { ALGORITHMS } from './1-scheduling.bench';
import { runIteration } from './lib/iteration';
import { inProcessContext } from './lib/models';
import type { BenchResult, FigureRow } from './lib/result';
import { envInt, median, round } from './lib/stats';
import { benchCase, diamond6, fanIn10 } from './lib/workflows';

/** Runs benchmark 2 (repeats: BENCH_REPEATS_CPU, default 9). */
export async function run(): Promise<BenchResult> {
  const repeats = envInt('BENCH_REPEATS_CPU', 9);
  const cases = [await benchCase('diamond-6', diamond6(), 32), await benchCase('fan-in-10', fanIn10(), 32)];
  const rows: FigureRow[] = [];
  for (const bench of cases) {
    for (const algorithm of ALGORITHMS) {
      const rates: number[] = [];
      const cpuPerCall: number[] = [];
      const offCpuPerCall: number[] = [];
      let calls = 0;
      // r = -1 is a warm-up (JIT, first-call caches): run, not recorded. Each repeat also runs with
      // the lookahead off: its early runs build a unit's inputs and prompts twice, which costs CPU
      // and gains nothing at zero latency.
      for (let r = -1; r < repeats; r++) {
        for (const lookahead of [true, false]) {
          const { ctx, records } = inProcessContext(8);
          const cpu = process.cpuUsage();
          const fig = await runIteration(ctx, bench, {
            algorithm,
            batchSize: 16,
            errorBatchSize: 4,
            lookahead,
            callCount: () => records.length,
          });
          const used = process.cpuUsage(cpu);
          const msPerCall = (used.user + used.system) / 1000 / fig.calls;
          calls = fig.calls;
          if (r < 0) continue;
          if (!lookahead) {
            offCpuPerCall.push(msPerCall);
            continue;
          }
          rates.push(fig.calls / (fig.wallMs / 1000));
          cpuPerCall.push(msPerCall);
        }
      }
      rows.push({
        workflow: bench.name,
        algorithm,
        calls,
        callsPerSecond: round(median(rates), 0),
        target: '> 2000',
        ratio: round(median(rates) / 2000, 2),
        cpuMsPerCall: round(median(cpuPerCall), 3),
        cpuTarget: '< 1 ms',
        lookaheadOffCpuMsPerCall: round(median(offCpuPerCall), 3),
      });
    }
  }
  return { title: `2. Engine overhead (in-process simulator, zero latency, median of ${repeats})`, rows };
}
