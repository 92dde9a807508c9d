/**
 * Benchmark 3, call economy: LLM calls and tokens per backward pass (seed + backward units) for
 * each algorithm, against the analytic count of docs/algorithms.md (the engine's
 * call-counts formulas, evaluated with the b the iteration really back-propagated); and the cache
 * hit rate of a forward pass repeated with the provider's response cache on.
 */
import { backwardNodeCalls, graphCounts, runForward, seedCalls } from '@backflow/engine';
import { ALGORITHMS } from './1-scheduling.bench';
import { runIteration } from './lib/iteration';
import { inProcessContext } from './lib/models';
import type { BenchResult, FigureRow } from './lib/result';
import { round } from './lib/stats';
import { type BenchCase, benchCase, diamond6, fanIn10 } from './lib/workflows';

function isBackwardUnit(unit: string): boolean {
  return unit === 'seed' || unit.startsWith('backward:');
}

async function cacheHitRate(bench: BenchCase): Promise<FigureRow> {
  const { ctx, records } = inProcessContext(8, { cache: true });
  const args = { workflow: bench.intact, examples: bench.train.slice(0, 16) };
  await runForward(ctx, args);
  const first = records.length;
  await runForward(ctx, args);
  const second = records.slice(first);
  const hits = second.filter((r) => r.cached).length;
  return {
    workflow: bench.name,
    firstPassCalls: first,
    repeatedPassCalls: second.length,
    cacheHits: hits,
    hitRate: round(hits / Math.max(1, second.length), 3),
  };
}

/** Runs benchmark 3 (deterministic: one run each). */
export async function run(): Promise<BenchResult> {
  const cases = [await benchCase('diamond-6', diamond6(), 32), await benchCase('fan-in-10', fanIn10(), 32)];
  const rows: FigureRow[] = [];
  for (const bench of cases) {
    for (const algorithm of ALGORITHMS) {
      const { ctx, records } = inProcessContext(8);
      const fig = await runIteration(ctx, bench, {
        algorithm,
        batchSize: 16,
        errorBatchSize: 4,
        callCount: () => records.length,
      });
      const backward = fig.units.filter((u) => isBackwardUnit(u.unit));
      const b = fig.errorBatch;
      const analytic =
        seedCalls(algorithm, graphCounts(bench.workflow), b) +
        bench.workflow.nodes.reduce((s, n) => s + backwardNodeCalls(algorithm, bench.workflow, n.id, b), 0);
      const calls = backward.reduce((s, u) => s + u.calls, 0);
      rows.push({
        workflow: bench.name,
        algorithm,
        b,
        backwardCalls: calls,
        analyticCalls: analytic,
        ratio: round(calls / Math.max(1, analytic), 2),
        inputTokens: backward.reduce((s, u) => s + u.inputTokens, 0),
        outputTokens: backward.reduce((s, u) => s + u.outputTokens, 0),
        tokensPerCall: round(
          backward.reduce((s, u) => s + u.inputTokens + u.outputTokens, 0) / Math.max(1, calls),
          0,
        ),
      });
    }
  }
  const cache = [];
  for (const bench of cases) cache.push(await cacheHitRate(bench));
  return {
    title:
      '3. Call economy (calls per backward pass vs analytic count; cache hit rate on a repeated forward pass)',
    rows: [...rows, ...cache],
    notes: [
      'GTBP analytic count is an upper bound (exact when every back-propagated example is wrong at every node).',
    ],
  };
}
