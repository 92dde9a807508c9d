// A request's signal reaches the SDK as its fetch's own (openai-client.ts `requestOptions`), not as
// the SDK's `signal` option: cancelling must still cut a non-streamed answer whose headers came and
// whose body stalls, and a run-long signal must keep no listener. A real HTTP server, since a fake
// fetch would not show whether the connection is closed.
import { getEventListeners } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ProviderError } from './errors';
import { createOpenAIChatModel } from './openai-client';
import { createOpenAIProvider } from './openai-provider';
import type { ChatModel } from './types';

/** Sends the headers and half a completion, then nothing: the body never ends. */
async function stallingServer() {
  const closed: IncomingMessage[] = [];
  let requests = 0;
  const server: Server = createServer((req, res) => {
    requests++;
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"id":"c1","object":"chat.completion","choices":[{"index":0,"message":');
    });
    res.on('close', () => closed.push(req));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests: () => requests,
    closed: () => closed.length,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Polls `done` every 5 ms, at most 400 times (2 s). */
async function waitFor(done: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !done(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(done()).toBe(true);
}

const messages = [{ role: 'user' as const, content: 'a question whose answer never ends' }];

describe('cancelling while a non-streamed body is read', () => {
  let server: Awaited<ReturnType<typeof stallingServer>>;
  beforeEach(async () => {
    server = await stallingServer();
  });
  afterEach(() => server.close());

  /** Calls `model` with `controller`'s signal and aborts once the headers are out; the error. */
  async function abortWhileTheBodyIsRead(model: ChatModel, controller: AbortController): Promise<unknown> {
    const settled = model.complete({ messages, signal: controller.signal }).catch((e: unknown) => e);
    await waitFor(() => server.requests() === 1);
    // The headers are out: the SDK is reading the body when the abort comes.
    await new Promise((r) => setTimeout(r, 50));
    controller.abort();
    return settled;
  }

  it('cuts the body and closes the connection when the caller aborts (client alone)', async () => {
    const model = createOpenAIChatModel({ baseURL: server.baseURL, model: 'm' });
    const controller = new AbortController();
    const error = await abortWhileTheBodyIsRead(model, controller);
    expect(String(error)).toMatch(/abort/i);
    await waitFor(() => server.closed() === 1);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('ends as a cancelled ProviderError through the provider, with no retry and no listener left', async () => {
    const model = createOpenAIProvider({ baseURL: server.baseURL, model: 'm', concurrency: 2 });
    const run = new AbortController();
    const error = await abortWhileTheBodyIsRead(model, run);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: 'aborted' });
    await waitFor(() => server.closed() === 1);
    expect(server.requests()).toBe(1);
    expect(getEventListeners(run.signal, 'abort')).toHaveLength(0);
  });

  it("reports the attempt's own timeout, not a cancellation, when the body outlasts it", async () => {
    const model = createOpenAIProvider({
      baseURL: server.baseURL,
      model: 'm',
      retry: { attemptTimeoutMs: 150, maxAttempts: 1 },
    });
    const error = await model.complete({ messages }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: 'timeout' });
    await waitFor(() => server.closed() === 1);
  });
});
