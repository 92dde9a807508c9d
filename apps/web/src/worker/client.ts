/**
 * The main thread's handle on the engine: commands in, host messages out. In the browser the
 * engine runs in a module Worker so the canvas never waits on it; where no Worker exists (tests in
 * Node) the same host runs inline with the same interface.
 */
import { createEngineHost } from './engine-host';
import { receiveBatches } from './message-batch';
import type { HostCommand, HostMessage } from './protocol';

/** Sends commands to the engine and delivers its messages to one listener. */
export interface EngineClient {
  send(command: HostCommand): void;
  /** Runs `command` and resolves when the host has finished handling it (inline only; else at once). */
  sendAndWait(command: HostCommand): Promise<void>;
  /** `true` when the engine runs in a Worker. */
  readonly inWorker: boolean;
  dispose(): void;
}

/** A client over a Worker when the platform has one (and `preferWorker`), else inline. */
export function createEngineClient(
  onMessage: (message: HostMessage) => void,
  options: { preferWorker?: boolean } = {},
): EngineClient {
  if ((options.preferWorker ?? true) && typeof Worker !== 'undefined') return workerClient(onMessage);
  return inlineClient(onMessage);
}

/** The engine on this thread (Node tests, or a browser without module workers). */
export function inlineClient(onMessage: (message: HostMessage) => void): EngineClient {
  const host = createEngineHost(onMessage);
  return {
    inWorker: false,
    send: (command) => void host.handle(command),
    sendAndWait: (command) => host.handle(command),
    dispose: () => undefined,
  };
}

function workerClient(onMessage: (message: HostMessage) => void): EngineClient {
  const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' });
  receiveBatches(worker, onMessage);
  // A Worker that fails to load or throws outside a command would leave the run waiting forever:
  // report it against the last command sent.
  let last: HostCommand | null = null;
  worker.addEventListener('error', (e: ErrorEvent) => {
    if (!last) return;
    if (last.type === 'scoreTest') {
      onMessage({ type: 'testScored', runId: last.runId, error: `The engine worker failed: ${e.message}` });
      return;
    }
    onMessage({
      type: 'commandRejected',
      runId: last.runId,
      command: last.type,
      message: `The engine worker failed: ${e.message || 'it could not be loaded'}`,
    });
  });
  return {
    inWorker: true,
    send: (command) => {
      last = command;
      worker.postMessage(command);
    },
    sendAndWait: async (command) => worker.postMessage(command),
    dispose: () => worker.terminate(),
  };
}
