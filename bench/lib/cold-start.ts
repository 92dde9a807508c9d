/**
 * The cold start of `backflow run`, taken apart: how long plain Node takes to start and exit
 * (`node -e ''`, the floor no CLI can beat), Node plus its built-in fetch (`new Headers()` loads
 * undici: the floor of any process that calls through the `openai` SDK), the CLI's entry alone
 * (`backflow --version`), the entry plus the `run` command's code (`backflow run --help`), and
 * spawn to the first chat completion in the server's log for a real run, that run's start taken
 * apart by its own trace (`BACKFLOW_START_TRACE`: Node started, Node's bootstrap done, the entry
 * evaluated, the command's code loaded, arguments parsed, workflow and data read, models built,
 * first request sent), each stage's end in ms after spawn with the process's CPU time then. Each
 * figure is the median of `runs` spawns, so one slow start on a busy machine does not decide it.
 *
 * Node 20 reads and parses every certificate of `NODE_EXTRA_CA_CERTS` as it starts, before any
 * JavaScript runs (Node 24 waits for the first TLS connection; Node 22 was not measured): with these machines'
 * setting (Debian's bundle, 144 certificates) that is about 38 ms of every Node 20 start, which no
 * CLI can avoid. When the variable is set, `node -e ''` and the run's first request are measured
 * without it too, so the figures say what is Node's under this environment and what is the CLI's.
 */
import { spawn } from 'node:child_process';
import type { Example, Workflow } from '@backflow/engine';
import { ensureCliBundle, type StartStage, timeCliRunAgainst } from './cli-process';
import type { EndpointProcess } from './endpoint-process';
import type { FigureRow } from './result';
import { median, round } from './stats';

/** Medians (ms) of each stage of a `backflow run` start. */
export interface ColdStart {
  runs: number;
  /** Examples in each timed run. */
  examples: number;
  /** `node -e ''`: start and exit of plain Node. */
  nodeMs: number;
  /** `node -e 'new Headers()'`: Node with its fetch (undici) loaded, as the SDK needs it. */
  fetchMs: number;
  /** `backflow --version`: Node plus the CLI's entry chunk. */
  versionMs: number;
  /** `backflow run --help`: the entry plus everything the run command imports. */
  runHelpMs: number;
  /** Spawn to the first chat completion the server logged. */
  firstRequestMs: number;
  /** Spawn to exit of the same runs (on `examples`). */
  wallMs: number;
  /**
   * When `NODE_EXTRA_CA_CERTS` is set: `node -e ''` and spawn to the first request with it unset
   * (the same runs, untraced, alternated with the others).
   */
  withoutExtraCaCerts?: { nodeMs: number; firstRequestMs: number };
  /** The runs' traced stages, in order: medians of each stage's end after spawn and CPU time then. */
  stages: StartStage[];
}

/** Measures each stage `runs` times against `endpoint`, running `workflow` on `examples`. */
export async function measureColdStart(args: {
  endpoint: EndpointProcess;
  workflow: Workflow;
  examples: Example[];
  concurrency: number;
  runs: number;
}): Promise<ColdStart> {
  const bundle = await ensureCliBundle();
  const node: number[] = [];
  const fetchInit: number[] = [];
  const version: number[] = [];
  const help: number[] = [];
  const first: number[] = [];
  const wall: number[] = [];
  const traced: StartStage[][] = [];
  const plainEnv = withoutExtraCaCerts(process.env);
  const plainNode: number[] = [];
  const plainFirst: number[] = [];
  // One untimed start of each first: Node's compile cache (22.1+) is filled on a bundle's first run.
  await spawnWall([bundle, 'run', '--help']);
  for (let i = 0; i < args.runs; i++) {
    node.push(await spawnWall(['-e', '']));
    fetchInit.push(await spawnWall(['-e', 'new Headers()']));
    version.push(await spawnWall([bundle, '--version']));
    help.push(await spawnWall([bundle, 'run', '--help']));
    const timing = await timeCliRunAgainst(args, { trace: true });
    if (timing.firstRequestMs !== undefined) first.push(timing.firstRequestMs);
    if (timing.stages) traced.push(timing.stages);
    wall.push(timing.wallMs);
    if (plainEnv) {
      plainNode.push(await spawnWall(['-e', ''], plainEnv));
      const plain = await timeCliRunAgainst(args, { env: plainEnv });
      if (plain.firstRequestMs !== undefined) plainFirst.push(plain.firstRequestMs);
    }
  }
  const ms = (values: number[]) => round(median(values), 0);
  return {
    runs: args.runs,
    examples: args.examples.length,
    nodeMs: ms(node),
    fetchMs: ms(fetchInit),
    versionMs: ms(version),
    runHelpMs: ms(help),
    firstRequestMs: ms(first),
    wallMs: ms(wall),
    ...(plainEnv ? { withoutExtraCaCerts: { nodeMs: ms(plainNode), firstRequestMs: ms(plainFirst) } } : {}),
    stages: medianStages(traced),
  };
}

/** `env` without `NODE_EXTRA_CA_CERTS`, or undefined when it does not set one. */
function withoutExtraCaCerts(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv | undefined {
  if (!env.NODE_EXTRA_CA_CERTS) return undefined;
  const { NODE_EXTRA_CA_CERTS: _unset, ...rest } = env;
  return rest;
}

/** Per stage (in the order of the first trace), the medians over the traces that reached it. */
function medianStages(traces: StartStage[][]): StartStage[] {
  return (traces[0] ?? []).map(({ stage }) => {
    const reached = traces.flatMap((t) => t.filter((s) => s.stage === stage));
    const cpu = reached.flatMap((s) => (s.cpuMs === undefined ? [] : [s.cpuMs]));
    return {
      stage,
      ms: round(median(reached.map((s) => s.ms)), 1),
      ...(cpu.length > 0 ? { cpuMs: round(median(cpu), 1) } : {}),
    };
  });
}

/** The breakdown as table rows: each stage's spawn-to-exit time (the run: to its first request). */
export function coldStartRows(start: ColdStart): FigureRow[] {
  const row = (stage: string, wallMs: number): FigureRow => ({
    system: `cold start: ${stage} (median of ${start.runs})`,
    wallMs,
  });
  return [
    row("node -e ''", start.nodeMs),
    row("node -e 'new Headers()' (fetch loaded)", start.fetchMs),
    row('backflow --version', start.versionMs),
    row('backflow run --help', start.runHelpMs),
    {
      ...row(`backflow run, ${start.examples} examples`, start.wallMs),
      firstRequestMs: start.firstRequestMs,
    },
    ...(start.withoutExtraCaCerts
      ? [
          row("node -e '' without NODE_EXTRA_CA_CERTS", start.withoutExtraCaCerts.nodeMs),
          {
            system: `cold start: backflow run, ${start.examples} examples, without NODE_EXTRA_CA_CERTS (median of ${start.runs})`,
            firstRequestMs: start.withoutExtraCaCerts.firstRequestMs,
          },
        ]
      : []),
    // The run's own trace: when each stage ended after spawn (wallMs) and the CPU spent by then.
    ...start.stages.map((s) => ({
      ...row(`backflow run stage "${s.stage}"`, s.ms),
      ...(s.cpuMs === undefined ? {} : { cpuMs: s.cpuMs }),
    })),
  ];
}

/** Spawn to exit of `node ...argv` (stdout and stderr ignored) in `env`, in ms. */
function spawnWall(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, argv, { stdio: 'ignore', env });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`node ${argv.join(' ')} exited with ${code}`));
      else resolve(performance.now() - t0);
    });
  });
}
