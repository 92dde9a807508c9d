/**
 * serve-sim in a process of its own, the way a real endpoint is: the simulator's work and the HTTP
 * server's parsing do not compete with the engine for the benchmark process's event loop, so the
 * wall time measured is the client's scheduling plus the configured latency, not the server's CPU.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** A serve-sim child process and a way to read its request log's completion count. */
export interface EndpointProcess {
  baseURL: string;
  /** Chat completions the server has answered so far (asked over IPC). */
  completions(): Promise<number>;
  /** Arrival time (epoch ms) of the first chat completion at or after `since`, if any. */
  firstRequestSince(since: number): Promise<number | undefined>;
  close(): Promise<void>;
}

/** An answer of the server process: a count, or a time (null when there is none). */
interface Reply {
  count?: number;
  at?: number | null;
}

const ENTRY = fileURLToPath(new URL('./sim-server-process.ts', import.meta.url));
const START_TIMEOUT_MS = 30_000;

/** Starts serve-sim with `latencyMs` in a child process on 127.0.0.1 and waits until it listens. */
export async function startEndpointProcess(latencyMs: number): Promise<EndpointProcess> {
  const child = fork(ENTRY, [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_SIM_LATENCY_MS: String(latencyMs) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const baseURL = await waitForReady(child);
  let nextId = 0;
  const waiting = new Map<number, (reply: Reply) => void>();
  child.on('message', (message: Reply & { type?: string; id?: number }) => {
    if (message.id === undefined) return;
    waiting.get(message.id)?.(message);
    waiting.delete(message.id);
  });
  const ask = (request: { type: string; since?: number }) =>
    new Promise<Reply>((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      child.send({ ...request, id });
    });
  return {
    baseURL,
    completions: async () => (await ask({ type: 'count' })).count ?? 0,
    firstRequestSince: async (since) => (await ask({ type: 'firstSince', since })).at ?? undefined,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.disconnect();
      }),
  };
}

function waitForReady(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`serve-sim did not start within ${START_TIMEOUT_MS} ms`));
    }, START_TIMEOUT_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve-sim exited with code ${code} before listening`));
    });
    child.on('message', function onReady(message: { type?: string; baseURL?: string }) {
      if (message?.type !== 'ready' || !message.baseURL) return;
      clearTimeout(timer);
      child.off('message', onReady);
      child.removeAllListeners('exit');
      resolve(message.baseURL);
    });
  });
}
