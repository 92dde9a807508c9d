/**
 * Benchmark 4, peers on the same mock: (a) a forward pass of one 3-stage chain over 200 examples
 * through the raw `openai` SDK in a promise pool (the practical limit), Backflow in process and as
 * the `backflow run` process, @ironclad/rivet-node and an @ax-llm/ax flow(), against one serve-sim
 * process at the same concurrency, at the configured latency and at 0 ms (medians of
 * BENCH_PEER_RUNS runs); (b) Ax GEPA vs Backflow semantic backpropagation on the same broken
 * chain, counting LLM calls until validation reaches 100% or the cap; (c) the cold start of
 * `backflow run` taken apart (bench/lib/cold-start.ts).
 */
import { coldStartRows, measureColdStart } from './lib/cold-start';
import { startEndpointProcess } from './lib/endpoint-process';
import { startEndpoint } from './lib/models';
import { comparePeersForward } from './lib/peers-forward';
import { axGepa, backflowSembp } from './lib/peers-optimize';
import type { BenchResult, FigureRow } from './lib/result';
import { envInt } from './lib/stats';
import { breakNode, chain, examplesFor } from './lib/workflows';

/**
 * Runs benchmark 4 (BENCH_PEER_EXAMPLES, default 200; BENCH_PEER_ZERO_EXAMPLES, default 1000;
 * BENCH_PEER_RUNS, default 3; BENCH_GEPA_MAX_METRIC_CALLS, default 60; BENCH_COLD_RUNS, default 15).
 */
export async function run(): Promise<BenchResult> {
  const latencyMs = envInt('BENCH_LATENCY_MS', 50);
  const concurrency = envInt('BENCH_CONCURRENCY', 8);
  const count = envInt('BENCH_PEER_EXAMPLES', 200);
  const intact = chain(5);
  const runs = envInt('BENCH_PEER_RUNS', 3);
  // At 0 ms, 200 examples are 600 calls that finish in well under a second, so one slow spell
  // decides the figure: the throughput comparison runs on more examples.
  const zeroCount = envInt('BENCH_PEER_ZERO_EXAMPLES', 1000);
  const allExamples = await examplesFor(intact, Math.max(count, zeroCount), 'peer');
  const notes: string[] = [];
  const forward: FigureRow[] = [];
  for (const latency of [latencyMs, 0]) {
    const examples = allExamples.slice(0, latency === 0 ? zeroCount : count);
    const endpoint = await startEndpointProcess(latency);
    try {
      forward.push(
        ...(await comparePeersForward({
          endpoint,
          workflow: intact,
          examples,
          concurrency,
          latencyMs: latency,
          runs,
        })),
      );
      // The cold start taken apart, on the 0 ms server: one example per concurrency slot.
      if (latency === 0) {
        const start = await measureColdStart({
          endpoint,
          workflow: intact,
          examples: allExamples.slice(0, concurrency),
          concurrency,
          runs: envInt('BENCH_COLD_RUNS', 15),
        });
        forward.push(...coldStartRows(start));
      }
    } finally {
      await endpoint.close();
    }
  }
  {
    // The optimization race counts calls, not time: a zero-latency server keeps it short.
    const fast = await startEndpoint(0);
    let optimize: FigureRow[];
    try {
      const data = await examplesFor(intact, 24, 'opt');
      const args = {
        endpoint: fast,
        broken: breakNode(intact, 's1'),
        intact,
        train: data.slice(0, 16),
        val: data.slice(16),
        concurrency,
        maxIterations: envInt('BENCH_SEMBP_MAX_ITERATIONS', 6),
        maxMetricCalls: envInt('BENCH_GEPA_MAX_METRIC_CALLS', 60),
      };
      optimize = [await backflowSembp(args), await axGepa(args)];
    } finally {
      await fast.close();
    }
    notes.push(
      "vsRawSdk: wall time over the raw SDK pool's at latency (target <= 1.03 for Backflow), calls/s as a share of the raw SDK's at 0 ms (target >= 0.90). The process row's wall time includes starting Node and loading the CLI; firstRequestMs is spawn to the first request in the server's log (target <= 150).",
      "cold start rows (BENCH_COLD_RUNS spawns, default 15, medians): spawn to exit of plain Node, of Node with its fetch loaded (undici: any process calling through the openai SDK pays it), of backflow --version (the entry) and backflow run --help (the run command's code loaded), and a run on one example per slot with spawn to its first request; then that run's own trace (BACKFLOW_START_TRACE): each stage's end after spawn (wallMs) and the process's CPU time by then (cpuMs). When NODE_EXTRA_CA_CERTS is set, node -e '' and the run's first request again without it: Node 20 parses those certificates as it starts, before any JavaScript.",
      'Ax renders each input as "Field Name: value" in the user message and the simulator applies skills to the whole message, so Ax answers carry the field labels: exactAnswers and intactPromptsScoreInAx show that ceiling, which no prompt change can lift on this mock.',
      "The simulator answers Backflow's optimizer tasks (a fenced JSON block with a task field); GEPA's reflection prompts have no such block, so the simulator treats them as forward calls. The GEPA figure counts calls, it does not judge GEPA's method.",
    );
    return {
      title: `4. Peers on the same mock (serve-sim process at ${latencyMs} ms and 0 ms, concurrency ${concurrency}, ${count} examples at latency and ${zeroCount} at 0 ms, median of ${runs}; optimization on a 0 ms server)`,
      rows: [...forward, ...optimize],
      notes,
    };
  }
}
