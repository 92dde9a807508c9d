/// <reference lib="webworker" />
/** The module Web Worker an experiment grid runs in: commands in, progress and runs out. */
import { createExperimentHost } from './experiment-host';
import type { ExperimentCommand } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const host = createExperimentHost((message) => scope.postMessage(message));
scope.addEventListener('message', (e: MessageEvent<ExperimentCommand>) => {
  void host.handle(e.data);
});
