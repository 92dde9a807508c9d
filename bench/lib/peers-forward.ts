/**
 * Part A of benchmark 4: the same 3-stage chain over the same examples, through Backflow's
 * forward executor, Rivet's runGraph and an Ax flow(), all against one serve-sim instance. Each
 * system caps in-flight requests at the same concurrency (Backflow via its provider limiter, the
 * peers via a pool of that many concurrent graph runs, since a chain has no parallelism inside).
 */
import { type Example, runForward, type Workflow } from '@backflow/engine';
import { axChain, axService } from './ax-chain';
import { httpContext, type SimEndpoint } from './models';
import { mapPool } from './pool';
import type { FigureRow } from './result';
import { rivetChainProject, runRivetChain } from './rivet-chain';
import { round } from './stats';

/** The chain's three instructions (the llm nodes' system prompts, in order). */
export function chainPrompts(workflow: Workflow): [string, string, string] {
  const prompts = workflow.nodes.flatMap((n) => (n.kind === 'llm' ? [n.systemPrompt] : []));
  if (prompts.length !== 3) throw new Error('the peer benchmark needs a 3-stage chain');
  return prompts as [string, string, string];
}

interface ForwardArgs {
  endpoint: SimEndpoint;
  workflow: Workflow;
  examples: Example[];
  concurrency: number;
  latencyMs: number;
}

async function timed(system: string, args: ForwardArgs, run: () => Promise<string[]>): Promise<FigureRow> {
  const before = args.endpoint.completions();
  const t0 = performance.now();
  let answers: string[];
  try {
    answers = await run();
  } catch (err) {
    return { system, error: `did not run: ${(err as Error).message.slice(0, 300)}` };
  }
  const wallMs = performance.now() - t0;
  const calls = args.endpoint.completions() - before;
  const bound = Math.max(3, calls / args.concurrency) * args.latencyMs;
  const right = answers.filter((a, i) => a.trim() === args.examples[i]!.target.trim()).length;
  return {
    system,
    examples: args.examples.length,
    calls,
    wallMs: round(wallMs, 0),
    boundMs: round(bound, 0),
    ratio: round(wallMs / bound, 3),
    callsPerSecond: round(calls / (wallMs / 1000), 0),
    exactAnswers: `${right}/${args.examples.length}`,
  };
}

/** Runs the forward comparison; a peer that fails is reported with its error, not a number. */
export async function comparePeersForward(args: ForwardArgs): Promise<FigureRow[]> {
  const { endpoint, workflow, examples, concurrency } = args;
  const prompts = chainPrompts(workflow);
  const rows: FigureRow[] = [];
  rows.push(
    await timed('backflow', args, async () => {
      const traces = await runForward(httpContext(endpoint.server.baseURL, concurrency), {
        workflow,
        examples,
      });
      return traces.map((t) => t.outputs.answer ?? '');
    }),
  );
  rows.push(
    await timed('@ironclad/rivet-node', args, () => {
      const project = rivetChainProject(prompts, 'backflow-sim');
      return mapPool(examples, concurrency, (e) =>
        runRivetChain(project, e.inputs.text ?? '', endpoint.server.baseURL),
      );
    }),
  );
  rows.push(
    await timed('@ax-llm/ax flow()', args, () => {
      const wf = axChain(prompts);
      const service = axService(endpoint.server.baseURL);
      return mapPool(examples, concurrency, async (e) => {
        const out = await wf.forward(service, { sentenceText: e.inputs.text ?? '' });
        return String(out.finalText ?? '');
      });
    }),
  );
  return rows;
}
