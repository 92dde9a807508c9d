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

/** What one system measured over the rounds. */
interface Tally {
  walls: number[];
  firsts: number[];
  calls: number;
  right?: number;
  error?: string;
}

/** One timed run of one system: its wall time, first request, calls and exact answers. */
async function timeOnce(system: System, args: ForwardArgs, tally: Tally): Promise<void> {
  const before = await args.endpoint.completions();
  // Each run starts on a collected heap (`pnpm bench` exposes gc): the in-process systems share
  // this process, and the garbage one leaves was collected inside the next one's timing (the raw
  // SDK pool's calls/s at 0 ms moved from 1,187 to 1,685 between runs of the same code that way).
  (globalThis as { gc?: () => void }).gc?.();
  const t0 = performance.now();
  let result: SystemRun;
  try {
    result = await system.run(args);
  } catch (err) {
    tally.error = `did not run: ${(err as Error).message.slice(0, 300)}`;
    return;
  }
  tally.walls.push(result.wallMs ?? performance.now() - t0);
  if (result.firstRequestMs !== undefined) tally.firsts.push(result.firstRequestMs);
  tally.calls = (await args.endpoint.completions()) - before;
  if (result.answers) {
    const answers = result.answers;
    tally.right = answers.filter((a, k) => a.trim() === args.examples[k]!.target.trim()).length;
  }
}

/** A system's row from its tally: medians of its rounds. */
function rowOf(system: System, tally: Tally, args: ForwardArgs): FigureRow & { wallMs?: number } {
  if (tally.error) return { system: system.name, error: tally.error };
  const wallMs = median(tally.walls);
  const bound = Math.max(3, tally.calls / args.concurrency) * args.latencyMs;
  return {
    system: system.name,
    latencyMs: args.latencyMs,
    calls: tally.calls,
    wallMs: round(wallMs, 0),
    ...(args.latencyMs > 0 ? { boundMs: round(bound, 0), ratio: round(wallMs / bound, 3) } : {}),
    callsPerSecond: round(tally.calls / (wallMs / 1000), 0),
    ...(tally.firsts.length > 0 ? { firstRequestMs: round(median(tally.firsts), 0) } : {}),
    exactAnswers: tally.right === undefined ? 'n/a' : `${tally.right}/${args.examples.length}`,
  };
}

/**
 * Runs every system `args.runs` times and reports medians, each row also as a share of the raw
 * SDK's figure (`vsRawSdk`: wall time over the SDK's at latency, calls/s over the SDK's at 0 ms):
 * an in-process row against the SDK's pool in this process, a process row against the SDK's pool
 * started as a process (both pay a Node start). A system that fails is reported with its error.
 *
 * The systems take turns round by round (every other round in reverse order), and `vsRawSdk` is
 * the median of each round's ratio to the raw SDK of that same round: a slow spell on a shared
 * machine then hits both sides of a ratio, where running one system's repeats before the next's
 * put it on one side only (the 0 ms in-process share swung from 0.41 to 1.17 between runs of the
 * same code that way).
 */
export async function comparePeersForward(args: ForwardArgs): Promise<FigureRow[]> {
  const tallies: Tally[] = SYSTEMS.map(() => ({ walls: [], firsts: [], calls: 0 }));
  // One untimed run of each on a few examples first: module loading and JIT warm-up are no
  // system's cost in a long run (the process rows start cold every time, which is what a user sees).
  for (const system of SYSTEMS) {
    await system.run({ ...args, examples: args.examples.slice(0, args.concurrency) }).catch(() => undefined);
  }
  for (let i = 0; i < args.runs; i++) {
    // Every other round in reverse order, so no system always runs right after the same other
    // one (a process exiting, a heap another system filled): position effects fall on both sides.
    const order = [...SYSTEMS.keys()];
    if (i % 2 === 1) order.reverse();
    for (const k of order) {
      if (!tallies[k]!.error) await timeOnce(SYSTEMS[k]!, args, tallies[k]!);
    }
  }
  const rawProcess = SYSTEMS.findIndex((s) => s.name === 'raw openai SDK, as a process');
  return SYSTEMS.map((system, k) => {
    const row = rowOf(system, tallies[k]!, args);
    const raw = tallies[system.process ? rawProcess : 0]!;
    const own = tallies[k]!;
    if (own.error || raw.error || own.walls.length !== raw.walls.length) return row;
    // Wall over the raw SDK's at latency; at 0 ms calls/s over the SDK's, i.e. its wall over ours.
    const shares = own.walls.map((wall, r) =>
      args.latencyMs > 0 ? wall / raw.walls[r]! : own.calls / wall / (raw.calls / raw.walls[r]!),
    );
    return { ...row, vsRawSdk: round(median(shares), 3) };
  });
}
