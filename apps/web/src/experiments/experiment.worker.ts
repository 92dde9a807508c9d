/// <reference lib="webworker" />
/** The module Web Worker an experiment grid runs in: commands in, progress and runs out. */
import { createMessageBatcher } from '../worker/message-batch';
import { createExperimentHost } from './experiment-host';
import type { ExperimentCommand, ExperimentMessage } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
// In batches of at most one frame, as the engine Worker's (../worker/message-batch.ts).
const host = createExperimentHost(
  createMessageBatcher<ExperimentMessage>((batch) => scope.postMessage(batch)),
);
scope.addEventListener('message', (e: MessageEvent<ExperimentCommand>) => {
  void host.handle(e.data);
});
