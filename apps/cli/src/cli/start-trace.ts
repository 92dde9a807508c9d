/**
 * Stage marks of a command's start, for the cold-start benchmark (bench/lib/cold-start.ts) and for
 * anyone asking where a slow start goes: with `BACKFLOW_START_TRACE=FILE` in the environment, the
 * process writes FILE when it exits, a JSON {@link StartTrace}. Without it, every mark is a no-op.
 *
 * Times are `performance.now()`, milliseconds since the process's time origin (Node takes it as
 * the process starts), and the process's CPU time (user + system) at the same moment: on a busy
 * machine the wall time of a stage says how long it waited for a core, its CPU time what it cost.
 * The first chat request's send is observed through undici's diagnostics channel (Node's fetch
 * publishes it), so the request path is the same with and without the trace.
 */
import { subscribe } from 'node:diagnostics_channel';
import { writeFileSync } from 'node:fs';
import type { Performance as NodePerformance } from 'node:perf_hooks';
import type { CompileCacheState } from './compile-cache';

/** One stage's end. */
export interface StartMark {
  stage: string;
  /** Milliseconds since the time origin. */
  ms: number;
  /** Process CPU time (user + system), milliseconds. */
  cpuMs: number;
}

/** What FILE holds. */
export interface StartTrace {
  format: 'backflow.start-trace';
  /** `performance.timeOrigin`: epoch milliseconds of the time origin. */
  timeOrigin: number;
  /** Node's own bootstrap finished (ms since the origin): user code starts after this. */
  bootstrapMs: number;
  /** What became of Node's compile cache (cli/compile-cache.ts). */
  compileCache: CompileCacheState;
  marks: StartMark[];
}

/** The stage marked when the first POST (a chat completion) has its headers written to the socket. */
export const FIRST_REQUEST_STAGE = 'first request sent';

const marks: StartMark[] = [];
let traceFile: string | undefined;

/** Records the end of `stage` when tracing is on (a no-op otherwise). */
export function markStart(stage: string): void {
  if (traceFile === undefined) return;
  const cpu = process.cpuUsage();
  marks.push({ stage, ms: performance.now(), cpuMs: (cpu.user + cpu.system) / 1000 });
}

/**
 * Turns tracing on when `env.BACKFLOW_START_TRACE` names a file: marks are kept, the first POST is
 * watched for, and the trace is written on exit. A file that cannot be written is skipped silently:
 * a diagnostic must never change how a command ends.
 */
export function startTraceFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  facts: { compileCache: CompileCacheState },
): void {
  const file = env.BACKFLOW_START_TRACE;
  if (!file || traceFile !== undefined) return;
  traceFile = file;
  markStart('entry evaluated');
  const onSend = (message: unknown) => {
    const method = (message as { request?: { method?: string } }).request?.method;
    if (method !== 'POST' || marks.some((m) => m.stage === FIRST_REQUEST_STAGE)) return;
    markStart(FIRST_REQUEST_STAGE);
  };
  subscribe('undici:client:sendHeaders', onSend);
  process.once('exit', () => {
    const trace: StartTrace = {
      format: 'backflow.start-trace',
      timeOrigin: performance.timeOrigin,
      // Node's global (typed as the DOM's where a project includes that library).
      bootstrapMs: (performance as unknown as NodePerformance).nodeTiming.bootstrapComplete,
      compileCache: facts.compileCache,
      marks,
    };
    try {
      writeFileSync(file, `${JSON.stringify(trace)}\n`);
    } catch {
      // See above: tracing never fails a run.
    }
  });
}
