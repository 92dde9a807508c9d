// Cancellation through the SDK client over real HTTP: the SDK gets no signal, only a link it is
// cancelled from (signals.ts, sdk-client.ts), so aborting must still cut a streamed body half-way,
// and a signal that lives for a whole run must not collect a listener per call.
import { getEventListeners } from 'node:events';
import { createOpenAIChatModel, ProviderError } from '@backflow/engine';
import { startSimServer } from './server';
import { createHarness, waitFor } from './test-support/harness';
import { createShoutModel, shout } from './test-support/shout-model';
import type { SimServer } from './types';

const messages = (content: string) => [{ role: 'user' as const, content }];
const runSignalOf = () => new AbortController().signal;
const longQuestion = 'why does the slow stream keep arriving one letter at a time';

describe('abort while a streamed answer arrives', () => {
  let server: SimServer;

  beforeAll(async () => {
    // One character every 20 ms: the whole answer would take over a second.
    server = await startSimServer({ model: createShoutModel(), chunkChars: 1, chunkDelayMs: 20 });
  });
  afterAll(() => server.close());

  it('stops reading and closes the connection after the first characters', async () => {
    const { provider } = createHarness(server, { stream: true });
    const controller = new AbortController();
    const partials: string[] = [];
    const call = provider
      .complete({
        messages: messages(longQuestion),
        signal: controller.signal,
        onPartial: (text) => {
          partials.push(text);
          if (partials.length === 3) controller.abort();
        },
      })
      .catch((e: unknown) => e);
    const error = await call;
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: 'aborted' });
    // Cut at the third chunk: nothing after the abort reached the caller.
    expect(partials).toHaveLength(3);
    expect(partials[2]).toBe(shout(longQuestion).slice(0, 3));
    await waitFor(() => server.inFlight === 0);
    expect(server.log.at(-1)).toMatchObject({ stream: true, outcome: 'client-closed' });
  });
});

describe('a signal that lives for a whole run', () => {
  let server: SimServer;

  beforeAll(async () => {
    server = await startSimServer({ model: createShoutModel() });
  });
  afterAll(() => server.close());

  const questions = Array.from({ length: 12 }, (_, i) => `question ${i} about item ${i * 3}`);

  it('holds no listener once its calls are answered, streamed or not, with or without retries', async () => {
    const runSignal = new AbortController().signal;
    const bare = createOpenAIChatModel({ baseURL: server.baseURL, model: 'backflow-sim' });
    const streamed = createOpenAIChatModel({ baseURL: server.baseURL, model: 'backflow-sim', stream: true });
    const { provider } = createHarness(server, { provider: { concurrency: 4 } });
    for (const model of [bare, streamed, provider]) {
      const answers = await Promise.all(
        questions.map((q) => model.complete({ messages: messages(q), signal: runSignal })),
      );
      expect(answers.map((a) => a.text)).toEqual(questions.map((q) => shout(q)));
      expect(getEventListeners(runSignal, 'abort')).toHaveLength(0);
    }
  });

  // The point of the link: the SDK's AbortSignal.any costs 14-67 µs a call.
  it('lets the SDK compose no signals for its requests', async () => {
    const any = vi.spyOn(AbortSignal, 'any');
    try {
      const { provider } = createHarness(server, { provider: { concurrency: 4 } });
      await Promise.all(
        questions.map((q) => provider.complete({ messages: messages(q), signal: runSignalOf() })),
      );
      expect(any).not.toHaveBeenCalled();
    } finally {
      any.mockRestore();
    }
  });

  it('still cancels a call that is waiting for its answer', async () => {
    const hanging = await startSimServer({ model: createShoutModel(), faults: { rateHang: 1 } });
    try {
      const controller = new AbortController();
      const bare = createOpenAIChatModel({ baseURL: hanging.baseURL, model: 'backflow-sim' });
      const call = bare.complete({ messages: messages('never answered'), signal: controller.signal });
      const settled = call.catch((e: unknown) => e);
      await waitFor(() => hanging.inFlight === 1);
      controller.abort(new Error('stopped by the user'));
      const error = await settled;
      expect(error).toBeInstanceOf(Error);
      expect(String(error)).toMatch(/abort/i);
      await waitFor(() => hanging.inFlight === 0);
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    } finally {
      await hanging.close();
    }
  });
});
