/// <reference lib="webworker" />
/**
 * The module Web Worker the engine runs in: a thin switch from posted commands to the engine host;
 * every event, checkpoint and call record is posted back in order, in batches of at most one frame
 * (message-batch.ts).
 */
import { createEngineHost } from './engine-host';
import { createMessageBatcher } from './message-batch';
import type { HostCommand, HostMessage } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const host = createEngineHost(createMessageBatcher<HostMessage>((batch) => scope.postMessage(batch)));
scope.addEventListener('message', (e: MessageEvent<HostCommand>) => {
  void host.handle(e.data);
});
