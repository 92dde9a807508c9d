/**
 * Part A of benchmark 4: the same 3-stage chain over the same examples, through the official
 * `openai` SDK in a plain promise pool (the practical limit), Backflow's forward executor in
 * process, `backflow run` as the process a user starts, Rivet's runGraph and an Ax flow(), all
 * against one serve-sim running in a process of its own (so the server's work does not compete
 * with the client's event loop). Each system caps in-flight requests at the same concurrency
 * (Backflow via its provider limiter, the others via a pool of that many concurrent chains, since
 * a chain has no parallelism inside). Every system runs `runs` times; rows give medians.
 */
import { type Example, runForward, type Workflow } from '@backflow/engine';
import { axChain, axService } from './ax-chain';
import { timeCliRunAgainst, timeRawSdkProcess } from './cli-process';
import type { EndpointProcess } from './endpoint-process';
import { httpContext } from './models';
import { mapPool } from './pool';
import { runRawSdkChain } from './raw-sdk-chain';
import type { FigureRow } from './result';
import { rivetChainProject, runRivetChain } from './rivet-chain';
import { median, round } from './stats';

/** The chain's three instructions (the llm nodes' system prompts, in order). */
export function chainPrompts(workflow: Workflow): [string, string, string] {
  const prompts = workflow.nodes.flatMap((n) => (n.kind === 'llm' ? [n.systemPrompt] : []));
  if (prompts.length !== 3) throw new Error('the peer benchmark needs a 3-stage chain');
  return prompts as [string, string, string];
}

/** One forward comparison: which endpoint, chain, examples, concurrency, latency and repeats. */
export interface ForwardArgs {
  endpoint: EndpointProcess;
  workflow: Workflow;
  examples: Example[];
  concurrency: number;
  latencyMs: number;
  runs: number;
}

/** One system's run: its answers, and (for a process) when its first request arrived. */
interface SystemRun {
  answers?: string[];
  wallMs?: number;
  firstRequestMs?: number;
}

/** `process`: started as its own process each run, so compared with the raw SDK's process row. */
type System = { name: string; process?: true; run: (args: ForwardArgs) => Promise<SystemRun> };

const SYSTEMS: System[] = [
  {
    name: 'raw openai SDK, promise pool',
    run: async (args) => ({
      answers: await runRawSdkChain(
        args.endpoint.baseURL,
        chainPrompts(args.workflow),
        args.examples.map((e) => e.inputs.text ?? ''),
        args.concurrency,
      ),
    }),
  },
  {
    name: 'raw openai SDK, as a process',
    process: true,
    run: (args) => timeRawSdkProcess({ ...args, prompts: chainPrompts(args.workflow) }),
  },
  {
    name: 'backflow runForward (in process)',
    run: async (args) => {
      const ctx = httpContext(args.endpoint.baseURL, args.concurrency);
      const traces = await runForward(ctx, { workflow: args.workflow, examples: args.examples });
      return { answers: traces.map((t) => t.outputs.answer ?? '') };
    },
  },
  {
    name: 'backflow run (process)',
    process: true,
    run: (args) => timeCliRunAgainst(args),
  },
  {
    name: '@ironclad/rivet-node',
    run: async (args) => {
      const project = rivetChainProject(chainPrompts(args.workflow), 'backflow-sim');
      return {
        answers: await mapPool(args.examples, args.concurrency, (e) =>
          runRivetChain(project, e.inputs.text ?? '', args.endpoint.baseURL),
        ),
      };
    },
  },
  {
    name: '@ax-llm/ax flow()',
    run: async (args) => {
      const wf = axChain(chainPrompts(args.workflow));
      const service = axService(args.endpoint.baseURL);
      return {
        answers: await mapPool(args.examples, args.concurrency, async (e) => {
          const out = await wf.forward(service, { sentenceText: e.inputs.text ?? '' });
          return String(out.finalText ?? '');
        }),
      };
    },
  },
];

async function measure(system: System, args: ForwardArgs): Promise<FigureRow & { wallMs?: number }> {
  const walls: number[] = [];
  const firsts: number[] = [];
  let calls = 0;
  let right: number | undefined;
  // One untimed run on a few examples first: module loading and JIT warm-up are no system's cost
  // in a long run (the process row starts cold every time, which is what a user sees).
  await system.run({ ...args, examples: args.examples.slice(0, args.concurrency) }).catch(() => undefined);
  for (let i = 0; i < args.runs; i++) {
    const before = await args.endpoint.completions();
    const t0 = performance.now();
    let result: SystemRun;
    try {
      result = await system.run(args);
    } catch (err) {
      return { system: system.name, error: `did not run: ${(err as Error).message.slice(0, 300)}` };
    }
    walls.push(result.wallMs ?? performance.now() - t0);
    if (result.firstRequestMs !== undefined) firsts.push(result.firstRequestMs);
    calls = (await args.endpoint.completions()) - before;
    if (result.answers) {
      const answers = result.answers;
      right = answers.filter((a, k) => a.trim() === args.examples[k]!.target.trim()).length;
    }
  }
  const wallMs = median(walls);
  const bound = Math.max(3, calls / args.concurrency) * args.latencyMs;
  return {
    system: system.name,
    latencyMs: args.latencyMs,
    calls,
    wallMs: round(wallMs, 0),
    ...(args.latencyMs > 0 ? { boundMs: round(bound, 0), ratio: round(wallMs / bound, 3) } : {}),
    callsPerSecond: round(calls / (wallMs / 1000), 0),
    ...(firsts.length > 0 ? { firstRequestMs: round(median(firsts), 0) } : {}),
    exactAnswers: right === undefined ? 'n/a' : `${right}/${args.examples.length}`,
  };
}

/**
 * Runs every system `args.runs` times and reports medians, each row also as a share of the raw
 * SDK's figure (`vsRawSdk`: wall time over the SDK's at latency, calls/s over the SDK's at 0 ms):
 * an in-process row against the SDK's pool in this process, a process row against the SDK's pool
 * started as a process (both pay a Node start). A system that fails is reported with its error.
 */
export async function comparePeersForward(args: ForwardArgs): Promise<FigureRow[]> {
  const rows: (FigureRow & { wallMs?: number })[] = [];
  for (const system of SYSTEMS) rows.push(await measure(system, args));
  const rawInProcess = rows[0]!;
  const rawProcess = rows[SYSTEMS.findIndex((s) => s.name === 'raw openai SDK, as a process')]!;
  return rows.map((row, i) => {
    const raw = SYSTEMS[i]!.process ? rawProcess : rawInProcess;
    if (typeof row.wallMs !== 'number' || typeof raw.wallMs !== 'number') return row;
    const share =
      args.latencyMs > 0
        ? row.wallMs / raw.wallMs
        : (row.callsPerSecond as number) / (raw.callsPerSecond as number);
    return { ...row, vsRawSdk: round(share, 3) };
  });
}
