/**
 * Benchmark 4, peers on the same mock: (a) a forward pass of one 3-stage chain over 200 examples
 * in Backflow, @ironclad/rivet-node and an @ax-llm/ax flow(), against one serve-sim instance at the
 * same latency and concurrency; (b) Ax GEPA vs Backflow semantic backpropagation on the same broken
 * chain, counting LLM calls until validation reaches 100% or the cap.
 */
import { startEndpoint } from './lib/models';
import { comparePeersForward } from './lib/peers-forward';
import { axGepa, backflowSembp } from './lib/peers-optimize';
import type { BenchResult, FigureRow } from './lib/result';
import { envInt } from './lib/stats';
import { breakNode, chain, examplesFor } from './lib/workflows';

/** Runs benchmark 4 (BENCH_PEER_EXAMPLES, default 200; BENCH_GEPA_MAX_METRIC_CALLS, default 60). */
export async function run(): Promise<BenchResult> {
  const latencyMs = envInt('BENCH_LATENCY_MS', 50);
  const concurrency = envInt('BENCH_CONCURRENCY', 8);
  const count = envInt('BENCH_PEER_EXAMPLES', 200);
  const intact = chain(5);
  const examples = await examplesFor(intact, count, 'peer');
  const endpoint = await startEndpoint(latencyMs);
  const notes: string[] = [];
  try {
    const forward = await comparePeersForward({
      endpoint,
      workflow: intact,
      examples,
      concurrency,
      latencyMs,
    });
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
      'Ax renders each input as "Field Name: value" in the user message and the simulator applies skills to the whole message, so Ax answers carry the field labels: exactAnswers and intactPromptsScoreInAx show that ceiling, which no prompt change can lift on this mock.',
      "The simulator answers Backflow's optimizer tasks (a fenced JSON block with a task field); GEPA's reflection prompts have no such block, so the simulator treats them as forward calls. The GEPA figure counts calls, it does not judge GEPA's method.",
    );
    return {
      title: `4. Peers on the same mock (serve-sim ${latencyMs} ms, concurrency ${concurrency}, ${count} examples; optimization on a 0 ms server)`,
      rows: [...forward, ...optimize],
      notes,
    };
  } finally {
    await endpoint.close();
  }
}
