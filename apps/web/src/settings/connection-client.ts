/**
 * Runs a connection test in its own Worker ({@link ./connection.worker.ts}) and turns the Worker's
 * messages into a promise plus a partial-text callback. The Worker is terminated when the test
 * ends or is aborted, so nothing outlives the button press.
 */
import type { ConnectionCheck } from '../engine-adapters/models';
import type { ConnectionTestMessage, ConnectionTestRequest } from './connection-protocol';
import type { ModelSettings } from './provider-settings';

/** Options of {@link testConnectionInWorker}. */
export interface WorkerTestOptions {
  /** The reply so far, each time more of it has streamed in. */
  onPartial?: (textSoFar: string) => void;
  signal?: AbortSignal;
  /** Creates the Worker (tests and other hosts may supply their own). */
  createWorker?: () => Worker;
}

/** The Worker's request for `settings` (an OpenAI-compatible endpoint, not the simulator). */
export function connectionRequest(settings: ModelSettings): ConnectionTestRequest {
  return { type: 'test', settings };
}

function defaultWorker(): Worker {
  return new Worker(new URL('./connection.worker.ts', import.meta.url), {
    type: 'module',
    name: 'backflow-connection-test',
  });
}

/** Sends one tiny streamed request to the endpoint of `settings` from a Worker; resolves with what happened. */
export function testConnectionInWorker(
  settings: ModelSettings,
  options: WorkerTestOptions = {},
): Promise<ConnectionCheck> {
  const worker = (options.createWorker ?? defaultWorker)();
  return new Promise<ConnectionCheck>((resolve) => {
    const finish = (check: ConnectionCheck) => {
      options.signal?.removeEventListener('abort', onAbort);
      worker.terminate();
      resolve(check);
    };
    const onAbort = () => finish({ ok: false, message: 'The connection test was stopped.' });
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    worker.onmessage = (event: MessageEvent<ConnectionTestMessage>) => {
      const message = event.data;
      if (message.type === 'partial') options.onPartial?.(message.text);
      else if (message.type === 'done')
        finish({ ok: true, reply: message.reply, latencyMs: message.latencyMs });
      else finish({ ok: false, message: message.message });
    };
    worker.onerror = (event) => {
      event.preventDefault();
      finish({
        ok: false,
        message: `The connection test could not run: ${event.message || 'worker error'}.`,
      });
    };
    worker.postMessage(connectionRequest(settings));
  });
}
