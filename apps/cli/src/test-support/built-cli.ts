// Test support: builds the CLI bundle when it is missing or older than its sources, and runs it as
// a subprocess, exactly as a user or CI would.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
export const cliBundle = join(repoRoot, 'apps/cli/dist/backflow.mjs');
const sourceDirs = ['apps/cli/src', 'apps/cli/scripts', 'packages/engine/src', 'packages/sim/src'];

function newestSourceMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceMtime(path));
    else if (/\.(ts|mjs|json)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name)) {
      newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
}

function bundleIsFresh(): boolean {
  let built: number;
  try {
    built = statSync(cliBundle).mtimeMs;
  } catch {
    return false;
  }
  return sourceDirs.every((dir) => newestSourceMtime(join(repoRoot, dir)) <= built);
}

const lockDir = join(repoRoot, 'apps/cli/dist/.build-lock');

function runBuildScript(): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    execFile(
      process.execPath,
      [join(repoRoot, 'apps/cli/scripts/build.mjs')],
      { cwd: repoRoot },
      (error, _o, err) => (error ? reject(new Error(`CLI build failed: ${err}`)) : resolve()),
    );
  });
}

/**
 * Builds apps/cli/dist/backflow.mjs with the real build script unless it is up to date. Test files
 * run in parallel workers: a lock directory (mkdir is atomic) lets one of them build while the
 * others wait and then find the bundle fresh. A lock older than two minutes is a crashed run's.
 */
export async function ensureBuiltCli(): Promise<void> {
  mkdirSync(dirname(lockDir), { recursive: true });
  for (let attempt = 0; attempt < 1200; attempt++) {
    if (bundleIsFresh()) return;
    try {
      mkdirSync(lockDir);
    } catch {
      const age = Date.now() - (statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 120_000) rmSync(lockDir, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 100));
      continue;
    }
    try {
      if (!bundleIsFresh()) await runBuildScript();
    } finally {
      rmSync(lockDir, { recursive: true, force: true });
    }
    return;
  }
  throw new Error('timed out waiting for another process to build the CLI');
}

/** The outcome of one CLI run. */
export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Options for {@link runCli}. */
export interface RunCliOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  /** Kill the run after this long (a safety net against a hung test, not a speed assertion). */
  timeoutMs?: number;
}

/** Runs the built CLI to completion and collects its output and exit code. */
export function runCli(args: string[], options: RunCliOptions = {}): Promise<CliResult> {
  const child = startCli(args, options);
  return waitForExit(child, options.timeoutMs ?? 120_000);
}

/** Starts the built CLI without waiting (for servers and kill tests). */
export function startCli(args: string[], options: RunCliOptions = {}): ChildProcess {
  const env = { ...process.env, ...options.env };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
  return spawn(process.execPath, [cliBundle, ...args], {
    cwd: options.cwd ?? repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Collects a started CLI's output until it exits (killed with SIGKILL after `timeoutMs`). */
export function waitForExit(child: ChildProcess, timeoutMs = 120_000): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Resolves with the first stdout line of a started CLI (e.g. serve-sim's URL). */
export function firstStdoutLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const onData = (chunk: Buffer | string) => {
      buffer += chunk.toString('utf8');
      const newline = buffer.indexOf('\n');
      if (newline >= 0) {
        child.stdout?.off('data', onData);
        resolve(buffer.slice(0, newline).trim());
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`CLI exited (${code}) before printing a line`)));
  });
}

/**
 * Runs `serve-sim` (on a free port, with `args`) for as long as `use` takes, giving it the URL the
 * server printed; then stops it and expects a clean exit.
 */
export async function withServeSim(
  args: string[],
  use: (url: string) => Promise<void>,
  options: RunCliOptions = {},
): Promise<void> {
  const server = startCli(['serve-sim', '--port', '0', ...args], options);
  const exited = waitForExit(server, 120_000);
  try {
    await use(await firstStdoutLine(server));
  } finally {
    server.kill('SIGTERM');
  }
  expect((await exited).code).toBe(0);
}
