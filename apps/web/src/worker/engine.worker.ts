/// <reference lib="webworker" />
/**
 * The module Web Worker the engine runs in: a thin switch from posted commands to the engine host;
 * every event, checkpoint and call record is posted back as it happens.
 */
import { createEngineHost } from './engine-host';
import type { HostCommand } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const host = createEngineHost((message) => scope.postMessage(message));
scope.addEventListener('message', (e: MessageEvent<HostCommand>) => {
  void host.handle(e.data);
});
