/**
 * The settings panel's "Test connection", in a dedicated Worker: the openai SDK calls the endpoint
 * from a worker exactly as the engine worker will during runs (same CORS preflight, same
 * `x-stainless-*` headers), so a test that passes here means runs will reach the server too. The
 * model is built by the engine's one factory (through `testConnection`); the answer streams back
 * as `partial` messages.
 */
import { testConnection } from '../engine-adapters/models';
import type { ConnectionTestMessage, ConnectionTestRequest } from './connection-protocol';

// The studio's tsconfig has the DOM lib, not the webworker one (they clash): type what we use.
const scope = self as unknown as {
  postMessage(message: ConnectionTestMessage): void;
  onmessage: ((event: MessageEvent<ConnectionTestRequest>) => void) | null;
};
const post = (message: ConnectionTestMessage) => scope.postMessage(message);

scope.onmessage = (event: MessageEvent<ConnectionTestRequest>) => {
  if (event.data?.type === 'test') void runTest(event.data);
};

async function runTest(request: ConnectionTestRequest): Promise<void> {
  const check = await testConnection(request.settings, {
    onPartial: (text) => post({ type: 'partial', text }),
  });
  if (check.ok) {
    post({
      type: 'done',
      reply: check.reply,
      latencyMs: check.latencyMs,
      model: check.model ?? request.settings.model,
    });
  } else {
    post({ type: 'failed', message: check.message });
  }
}
