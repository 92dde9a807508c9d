/**
 * The studio's {@link CodeRunner}: runs user code in sandbox Workers (./code-sandbox.worker.ts),
 * reusing idle ones. A run that outlives its time limit or is aborted terminates its Worker, which
 * stops even a synchronous infinite loop; the next run gets a fresh Worker.
 */
import { CodeRunError, type CodeRunner, type CodeRunOptions } from '@backflow/engine';
import { isAnswerTo, type SandboxRequest } from './protocol';

/** Options of {@link createSandboxCodeRunner}. */
export interface SandboxRunnerOptions {
  /** Creates a sandbox Worker (tests may supply their own). */
  createWorker?: () => Worker;
  /** How many idle Workers to keep for later runs (default 2). */
  maxIdle?: number;
}

/** A code runner plus a way to release its Workers. */
export interface SandboxCodeRunner extends CodeRunner {
  /** Terminates every idle Worker (running ones end with their run). */
  dispose(): void;
}

function defaultWorker(): Worker {
  return new Worker(new URL('./code-sandbox.worker.ts', import.meta.url), {
    type: 'module',
    name: 'backflow-code-sandbox',
  });
}

/** Creates the sandboxed code runner (one Worker per concurrent run, idle ones pooled). */
export function createSandboxCodeRunner(options: SandboxRunnerOptions = {}): SandboxCodeRunner {
  const create = options.createWorker ?? defaultWorker;
  const maxIdle = options.maxIdle ?? 2;
  const idle: Worker[] = [];
  let nextId = 1;
  const release = (worker: Worker) => {
    if (idle.length < maxIdle) idle.push(worker);
    else worker.terminate();
  };
  return {
    run(code, inputs, opts) {
      opts.signal?.throwIfAborted();
      const worker = idle.pop() ?? create();
      const request: SandboxRequest = { type: 'run', id: nextId++, code, inputs: { ...inputs } };
      return runOnce(worker, request, opts, release);
    },
    dispose() {
      for (const worker of idle.splice(0)) worker.terminate();
    },
  };
}

function runOnce(
  worker: Worker,
  request: SandboxRequest,
  opts: CodeRunOptions,
  release: (worker: Worker) => void,
): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const finish = (keepWorker: boolean) => {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      worker.onmessage = null;
      worker.onerror = null;
      if (keepWorker) release(worker);
      else worker.terminate();
    };
    const timer = setTimeout(() => {
      finish(false);
      const message = `The code did not finish within ${opts.timeoutMs} ms and was stopped (an endless loop?).`;
      reject(new CodeRunError(message, 'timeout'));
    }, opts.timeoutMs);
    const onAbort = () => {
      finish(false);
      reject(opts.signal?.reason);
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    worker.onmessage = (event: MessageEvent<unknown>) => {
      const answer = event.data;
      if (!isAnswerTo(answer, request.id)) return;
      finish(true);
      if (answer.ok) resolve(answer.text);
      else reject(new CodeRunError(answer.message, answer.reason));
    };
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      finish(false);
      reject(new CodeRunError(`The code sandbox failed: ${event.message || 'it could not start'}`, 'throw'));
    };
    worker.postMessage(request);
  });
}
