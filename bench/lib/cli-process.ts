/**
 * `backflow run` as the process a user starts: the CLI bundle (apps/cli/dist/backflow.mjs, built
 * first when missing) run with plain Node against an endpoint, timed from spawn to exit. The caller
 * learns the spawn time (epoch ms), so it can read the first request's arrival from the endpoint's
 * request log, whose rows carry arrival times.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Example, Workflow } from '@backflow/engine';
import type { EndpointProcess } from './endpoint-process';

const ROOT = join(import.meta.dirname, '..', '..');
const BUNDLE = join(ROOT, 'apps', 'cli', 'dist', 'backflow.mjs');
const RUN_TIMEOUT_MS = 300_000;

/** What one CLI run measured. */
export interface CliRunTiming {
  /** Spawn to exit. */
  wallMs: number;
  exitCode: number | null;
  stderr: string;
}

/** Builds the CLI bundle when it is not there yet (`pnpm build:cli` does the same). */
export async function ensureCliBundle(): Promise<string> {
  if (!existsSync(BUNDLE)) await exec(process.execPath, [join(ROOT, 'apps', 'cli', 'scripts', 'build.mjs')]);
  return BUNDLE;
}

/** Runs `backflow run` on `workflow` and `examples` against `baseURL` with `concurrency` in flight. */
export async function timeCliRun(args: {
  baseURL: string;
  workflow: Workflow;
  examples: Example[];
  concurrency: number;
  /** Called with the epoch time just before the process is spawned. */
  onSpawn: (epochMs: number) => void;
}): Promise<CliRunTiming> {
  const bundle = await ensureCliBundle();
  const dir = mkdtempSync(join(tmpdir(), 'backflow-bench-cli-'));
  try {
    const workflowFile = join(dir, 'workflow.json');
    const dataFile = join(dir, 'data.jsonl');
    writeFileSync(workflowFile, JSON.stringify(args.workflow));
    writeFileSync(dataFile, `${args.examples.map((e) => JSON.stringify(e)).join('\n')}\n`);
    const cli = [bundle, 'run', workflowFile, '--data', dataFile, '--quiet', '--json'];
    const provider = ['--base-url', args.baseURL, '--model', 'backflow-sim'];
    args.onSpawn(Date.now());
    const t0 = performance.now();
    const result = await exec(process.execPath, [
      ...cli,
      ...provider,
      '--concurrency',
      String(args.concurrency),
    ]);
    const wallMs = performance.now() - t0;
    return {
      wallMs,
      exitCode: result.code,
      stderr: result.stderr.slice(0, 500),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * One `backflow run` against `endpoint` (a serve-sim process, whose log carries arrival times): its
 * wall time and the time from spawn to its first request. Throws when the run fails.
 */
export async function timeCliRunAgainst(args: {
  endpoint: EndpointProcess;
  workflow: Workflow;
  examples: Example[];
  concurrency: number;
}): Promise<{ wallMs: number; firstRequestMs?: number }> {
  let spawnedAt = 0;
  const timing = await timeCliRun({
    baseURL: args.endpoint.baseURL,
    workflow: args.workflow,
    examples: args.examples,
    concurrency: args.concurrency,
    onSpawn: (at) => {
      spawnedAt = at;
    },
  });
  if (timing.exitCode !== 0) throw new Error(`exit ${timing.exitCode}: ${timing.stderr}`);
  const first = await args.endpoint.firstRequestSince(spawnedAt);
  return { wallMs: timing.wallMs, ...(first === undefined ? {} : { firstRequestMs: first - spawnedAt }) };
}

function exec(command: string, argv: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
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
