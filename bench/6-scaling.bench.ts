/**
 * Benchmark 6, scaling: one iteration's wall time, calls and memory as the workflow grows (chains of
 * 5, 20, 80 nodes, minibatch 16) and as the minibatch grows (4, 16, 64, on the 20-node chain), on
 * the in-process simulator at zero latency. Memory: heap growth over the iteration (after a GC when
 * node runs with --expose-gc) and the size of the session state as JSON (what a checkpoint stores).
 * A third curve grows the dataset (100, 1,000, 10,000 examples) and measures a checkpoint per
 * unit: the whole state (format 1) against the progress alone (format 2; the data written once).
 * A fourth does the same for the studio: the checkpoint its engine Worker posts and the page
 * stores after every unit, the whole state before against the progress part now. A fifth runs the
 * studio itself in Chromium at those sizes: its frame time while it writes the checkpoints
 * (BENCH_SCALING_STUDIO=0 leaves it out; BENCH_STUDIO_DIST reuses a build).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { AlgorithmName } from '@backflow/engine';
import { checkpointFrameRows } from './lib/checkpoint-frames';
import { checkpointCostAt, studioCheckpointCostAt } from './lib/checkpoint-size';
import { runIteration } from './lib/iteration';
import { inProcessContext } from './lib/models';
import type { BenchResult, FigureRow } from './lib/result';
import { envInt, median, round } from './lib/stats';
import { benchCase, chain, lastLlm, WRONG_LAST_STEP } from './lib/workflows';

/** A forced GC without restarting node with --expose-gc (the flag exposes gc to new contexts). */
function exposeGc(): (() => void) | undefined {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as unknown;
  return typeof gc === 'function' ? (gc as () => void) : undefined;
}

const gc = exposeGc();

async function measure(nodes: number, batchSize: number, algorithm: AlgorithmName, repeats: number) {
  const intact = chain(nodes);
  const bench = await benchCase(`chain-${nodes}`, intact, Math.max(batchSize, 16), {
    node: lastLlm(intact),
    prompt: WRONG_LAST_STEP,
  });
  const walls: number[] = [];
  const heaps: number[] = [];
  let calls = 0;
  let stateKb = 0;
  // r = -1 is a warm-up (JIT, first-call caches): run, not recorded.
  for (let r = -1; r < repeats; r++) {
    const { ctx, records } = inProcessContext(8);
    gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const fig = await runIteration(ctx, bench, {
      algorithm,
      batchSize,
      errorBatchSize: 4,
      callCount: () => records.length,
    });
    if (r < 0) continue;
    heaps.push((process.memoryUsage().heapUsed - heapBefore) / 2 ** 20);
    walls.push(fig.wallMs);
    calls = fig.calls;
    stateKb = fig.stateBytes / 1024;
  }
  return {
    algorithm,
    nodes,
    minibatch: batchSize,
    calls,
    medianWallMs: round(median(walls), 1),
    msPerCall: round(median(walls) / calls, 3),
    heapGrowthMb: round(median(heaps), 1),
    sessionStateKb: round(stateKb, 0),
    rssMb: round(process.memoryUsage().rss / 2 ** 20, 0),
  };
}

/** Runs benchmark 6 (repeats: BENCH_REPEATS_SCALING, default 3; algorithm: sembp). */
export async function run(): Promise<BenchResult> {
  const repeats = envInt('BENCH_REPEATS_SCALING', 3);
  const algorithm = (process.env.BENCH_SCALING_ALGORITHM ?? 'sembp') as AlgorithmName;
  const rows: FigureRow[] = [];
  for (const nodes of [5, 20, 80])
    rows.push({ curve: 'nodes', ...(await measure(nodes, 16, algorithm, repeats)) });
  for (const batch of [4, 16, 64])
    rows.push({ curve: 'minibatch', ...(await measure(20, batch, algorithm, repeats)) });
  const small = await benchCase('chain-5-data', chain(5), 16, {
    node: lastLlm(chain(5)),
    prompt: WRONG_LAST_STEP,
  });
  for (const size of [100, 1_000, 10_000])
    rows.push(await checkpointCostAt(inProcessContext(8).ctx, small, size));
  for (const size of [100, 1_000, 10_000])
    rows.push(await studioCheckpointCostAt(inProcessContext(8).ctx, small, size));
  const notes = gc
    ? []
    : ['heap growth measured without a forced GC (run node with --expose-gc for a cleaner figure)'];
  if (process.env.BENCH_SCALING_STUDIO !== '0') {
    const studio = await checkpointFrameRows([100, 1_000, 10_000]);
    rows.push(...studio.rows);
    notes.push(...studio.notes);
  }
  return {
    title: `6. Scaling (${algorithm}, in-process simulator, zero latency, median of ${repeats})`,
    rows,
    notes,
  };
}
