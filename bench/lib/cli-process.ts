/**
 * Processes a user starts, timed against a serve-sim process: `backflow run` (the CLI bundle,
 * apps/cli/dist/backflow.mjs, built first when missing) and, as its practical limit, the raw
 * `openai` SDK pool in a process of its own. Each is run with plain Node and timed from spawn to
 * exit; the first request's arrival comes from the endpoint's request log, whose rows carry
 * arrival times.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Example, Workflow } from '@backflow/engine';
import type { StartTrace } from '../../apps/cli/src/cli/start-trace';
import type { EndpointProcess } from './endpoint-process';

const ROOT = join(import.meta.dirname, '..', '..');
const BUNDLE = join(ROOT, 'apps', 'cli', 'dist', 'backflow.mjs');
const RUN_TIMEOUT_MS = 300_000;

/** Builds the CLI bundle when it is not there yet (`pnpm build:cli` does the same). */
export async function ensureCliBundle(): Promise<string> {
  if (!existsSync(BUNDLE)) await exec(process.execPath, [join(ROOT, 'apps', 'cli', 'scripts', 'build.mjs')]);
  return BUNDLE;
}

/** A CLI run's input files, written to a fresh temporary folder. */
function writeRunFiles(
  dir: string,
  workflow: Workflow,
  examples: Example[],
): { workflowFile: string; dataFile: string } {
  const workflowFile = join(dir, 'workflow.json');
  const dataFile = join(dir, 'data.jsonl');
  writeFileSync(workflowFile, JSON.stringify(workflow));
  writeFileSync(dataFile, `${examples.map((e) => JSON.stringify(e)).join('\n')}\n`);
  return { workflowFile, dataFile };
}

/** One stage of a traced start: its end, in ms after spawn, and the process's CPU time then. */
export interface StartStage {
  stage: string;
  ms: number;
  cpuMs?: number;
}

/** A process's timing: spawn to exit, spawn to its first request, and the traced stages if asked. */
export interface ProcessTiming {
  wallMs: number;
  firstRequestMs?: number;
  stages?: StartStage[];
}

/** How a timed process starts. */
export interface ProcessStart {
  /** Whether the CLI writes its start trace (`BACKFLOW_START_TRACE`). */
  trace?: boolean;
  /** The environment, when not the bench's own (`process.env`). */
  env?: NodeJS.ProcessEnv;
}

/**
 * Spawns plain Node with `argv` (built in a temporary folder that is removed after) against
 * `endpoint`, a serve-sim process whose log carries arrival times: the process's wall time, spawn
 * to exit, and spawn to its first request. With `start.trace`, the CLI writes its start trace
 * (`BACKFLOW_START_TRACE`, apps/cli/src/cli/start-trace.ts) and its stages come back too, with
 * Node's own start and bootstrap first. Throws when the process fails.
 */
async function timeProcessAgainst(
  endpoint: EndpointProcess,
  argvIn: (dir: string) => string[],
  start: ProcessStart = {},
): Promise<ProcessTiming> {
  const dir = mkdtempSync(join(tmpdir(), 'backflow-bench-process-'));
  try {
    const argv = argvIn(dir);
    const traceFile = join(dir, 'start-trace.json');
    const trace = start.trace === true;
    const baseEnv = start.env ?? process.env;
    const env = trace ? { ...baseEnv, BACKFLOW_START_TRACE: traceFile } : baseEnv;
    const spawnedAt = Date.now();
    const spawnedAtPrecise = performance.timeOrigin + performance.now();
    const t0 = performance.now();
    const result = await exec(process.execPath, argv, env);
    const wallMs = performance.now() - t0;
    if (result.code !== 0) throw new Error(`exit ${result.code}: ${result.stderr.slice(0, 500)}`);
    const first = await endpoint.firstRequestSince(spawnedAt);
    const stages = trace ? stagesOf(traceFile, spawnedAtPrecise) : undefined;
    return {
      wallMs,
      ...(first === undefined ? {} : { firstRequestMs: first - spawnedAt }),
      ...(stages ? { stages } : {}),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The stages of a start trace, in ms after `spawnedAt` (epoch ms); undefined when none was written. */
function stagesOf(traceFile: string, spawnedAt: number): StartStage[] | undefined {
  if (!existsSync(traceFile)) return undefined;
  const trace = JSON.parse(readFileSync(traceFile, 'utf8')) as StartTrace;
  const offset = trace.timeOrigin - spawnedAt;
  return [
    { stage: 'node started', ms: offset },
    { stage: 'node bootstrap done', ms: offset + trace.bootstrapMs },
    ...trace.marks.map((m) => ({ stage: m.stage, ms: offset + m.ms, cpuMs: m.cpuMs })),
  ];
}

/** What a process row runs: the chain's workflow over `examples`, `concurrency` in flight. */
export interface ProcessRunArgs {
  endpoint: EndpointProcess;
  workflow: Workflow;
  examples: Example[];
  concurrency: number;
}

/**
 * One `backflow run` (the CLI bundle, built first when missing) as the process a user starts; with
 * `start.trace`, its start's stages too.
 */
export async function timeCliRunAgainst(
  args: ProcessRunArgs,
  start: ProcessStart = {},
): Promise<ProcessTiming> {
  const bundle = await ensureCliBundle();
  return timeProcessAgainst(
    args.endpoint,
    (dir) => {
      const { workflowFile, dataFile } = writeRunFiles(dir, args.workflow, args.examples);
      const cli = [bundle, 'run', workflowFile, '--data', dataFile, '--quiet', '--json'];
      const provider = ['--base-url', args.endpoint.baseURL, '--model', 'backflow-sim'];
      return [...cli, ...provider, '--concurrency', String(args.concurrency)];
    },
    start,
  );
}

/**
 * The raw `openai` SDK pool as a process of its own (`raw-sdk-process.mjs`, plain JavaScript: no
 * loader in its start): the practical limit for a process, as the in-process pool is for
 * `runForward`. It gets the chain's instructions and the texts, nothing of Backflow's.
 */
export function timeRawSdkProcess(
  args: ProcessRunArgs & { prompts: readonly string[] },
): Promise<ProcessTiming> {
  return timeProcessAgainst(args.endpoint, (dir) => {
    const input = join(dir, 'input.json');
    const texts = args.examples.map((e) => e.inputs.text ?? '');
    const { baseURL } = args.endpoint;
    writeFileSync(
      input,
      JSON.stringify({ baseURL, prompts: args.prompts, texts, concurrency: args.concurrency }),
    );
    return [join(import.meta.dirname, 'raw-sdk-process.mjs'), input];
  });
}

function exec(
  command: string,
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, { stdio: ['ignore', 'ignore', 'pipe'], env });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += String(chunk);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), RUN_TIMEOUT_MS);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}
