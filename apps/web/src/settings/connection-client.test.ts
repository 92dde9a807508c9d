import { connectionRequest, testConnectionInWorker } from './connection-client';
import type { ConnectionTestMessage, ConnectionTestRequest } from './connection-protocol';
import { defaultModelSettings, type ModelSettings, withPreset } from './provider-settings';

/** A stand-in Worker that answers each request with the given messages, and notes termination. */
function fakeWorker(answer: (request: ConnectionTestRequest) => ConnectionTestMessage[]) {
  const worker = {
    sent: [] as ConnectionTestRequest[],
    terminated: false,
    onmessage: null as ((event: MessageEvent<ConnectionTestMessage>) => void) | null,
    onerror: null as ((event: ErrorEvent) => void) | null,
    postMessage(request: ConnectionTestRequest) {
      worker.sent.push(request);
      queueMicrotask(() => {
        for (const data of answer(request))
          worker.onmessage?.({ data } as MessageEvent<ConnectionTestMessage>);
      });
    },
    terminate() {
      worker.terminated = true;
    },
  };
  return worker;
}

const ollama: ModelSettings = {
  ...withPreset(defaultModelSettings(), 'ollama'),
  apiKey: 'k',
  timeoutSeconds: 5,
};

describe('testConnectionInWorker', () => {
  it('passes the partial replies on, resolves with the final one and ends the Worker', async () => {
    const worker = fakeWorker(() => [
      { type: 'partial', text: 'O' },
      { type: 'partial', text: 'OK' },
      { type: 'done', reply: 'OK', latencyMs: 12, model: 'llama3.1' },
    ]);
    const partials: string[] = [];
    const check = await testConnectionInWorker(ollama, {
      onPartial: (t) => partials.push(t),
      createWorker: () => worker as unknown as Worker,
    });
    expect(check).toEqual({ ok: true, reply: 'OK', latencyMs: 12 });
    expect(partials).toEqual(['O', 'OK']);
    expect(worker.terminated).toBe(true);
    expect(worker.sent).toEqual([connectionRequest(ollama)]);
  });

  it('reports the Worker’s diagnosis sentence, and stops at once when aborted', async () => {
    const failing = fakeWorker(() => [{ type: 'failed', message: 'Set OLLAMA_ORIGINS.' }]);
    expect(
      await testConnectionInWorker(ollama, { createWorker: () => failing as unknown as Worker }),
    ).toEqual({
      ok: false,
      message: 'Set OLLAMA_ORIGINS.',
    });
    const silent = fakeWorker(() => []);
    const controller = new AbortController();
    const pending = testConnectionInWorker(ollama, {
      signal: controller.signal,
      createWorker: () => silent as unknown as Worker,
    });
    controller.abort();
    expect(await pending).toMatchObject({ ok: false });
    expect(silent.terminated).toBe(true);
  });

  it('sends the settings whole: the Worker builds the model with the engine factory', () => {
    expect(connectionRequest(ollama)).toEqual({ type: 'test', settings: ollama });
  });
});
