/**
 * The Experiments view's handle on its host: a module Worker in the browser (the grid never blocks
 * the page), the same host inline where no Worker exists (Node tests).
 */
import { receiveBatches } from '../worker/message-batch';
import { createExperimentHost } from './experiment-host';
import type { ExperimentCommand, ExperimentMessage } from './protocol';

/** Sends commands and delivers the host's messages to one listener. */
export interface ExperimentClient {
  send(command: ExperimentCommand): Promise<void>;
  dispose(): void;
}

/** A client over a Worker when the platform has one, else inline. */
export function createExperimentClient(onMessage: (message: ExperimentMessage) => void): ExperimentClient {
  if (typeof Worker === 'undefined') {
    const host = createExperimentHost(onMessage);
    return { send: (command) => host.handle(command), dispose: () => undefined };
  }
  const worker = new Worker(new URL('./experiment.worker.ts', import.meta.url), { type: 'module' });
  receiveBatches(worker, onMessage);
  let last: ExperimentCommand | null = null;
  worker.addEventListener('error', (e: ErrorEvent) => {
    if (last)
      onMessage({
        type: 'failed',
        experimentId: last.experimentId,
        message: `The experiment worker failed: ${e.message || 'it could not be loaded'}`,
      });
  });
  return {
    send: async (command) => {
      last = command;
      worker.postMessage(command);
    },
    dispose: () => worker.terminate(),
  };
}
