/**
 * The settings panel's "Test connection", in a dedicated Worker: the openai SDK calls the endpoint
 * from a worker exactly as the engine worker will during runs (same CORS preflight, same
 * `x-stainless-*` headers), so a test that passes here means runs will reach the server too. The
 * answer streams back as `partial` messages.
 */
import {
  createOpenAIProvider,
  diagnoseError,
  type ProviderPresetId,
} from '@backflow/engine/providers/index.ts';
import {
  CONNECTION_TEST_PROMPT,
  type ConnectionTestMessage,
  type ConnectionTestRequest,
} from './connection-protocol';

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
  const preset = request.preset as ProviderPresetId | undefined;
  const started = performance.now();
  try {
    const model = createOpenAIProvider({
      baseURL: request.baseURL,
      apiKey: request.apiKey,
      model: request.model,
      temperature: request.temperature,
      concurrency: 1,
      // One attempt: a person waiting on the button wants the diagnosis, not a minute of retries.
      retry: { maxAttempts: 1, attemptTimeoutMs: request.timeoutMs },
      ...(preset ? { preset } : {}),
      endpoint: { baseURL: request.baseURL, inBrowser: true, model: request.model },
    });
    const response = await model.complete({
      messages: [{ role: 'user', content: CONNECTION_TEST_PROMPT }],
      maxTokens: 5,
      temperature: 0,
      meta: { purpose: 'test' },
      // Asking for partial text makes the client stream the answer.
      onPartial: (text) => post({ type: 'partial', text }),
    });
    post({
      type: 'done',
      reply: response.text,
      latencyMs: performance.now() - started,
      model: response.model,
    });
  } catch (err) {
    const diagnosis = diagnoseError(err, {
      baseURL: request.baseURL,
      model: request.model,
      inBrowser: true,
      ...(preset ? { preset } : {}),
    });
    post({ type: 'failed', message: diagnosis.message });
  }
}
