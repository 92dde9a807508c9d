// The engine's provider stack over real HTTP against the simulator server: answers, streaming,
// usage and cost, cache, and the errors that must fail fast with an actionable sentence.
import { createMemoryCache, createOpenAIChatModel, ProviderError } from '@backflow/engine';
import { startSimServer } from './server';
import { createHarness } from './test-support/harness';
import { createShoutModel, shout } from './test-support/shout-model';
import type { SimServer } from './types';

const user = (content: string) => [
  { role: 'system' as const, content: 'Answer in capitals.' },
  { role: 'user' as const, content },
];

describe('provider against the simulator server (no faults)', () => {
  let server: SimServer;
  const model = createShoutModel();

  beforeAll(async () => {
    server = await startSimServer({ model, latencyMs: 1 });
  });
  afterAll(() => server.close());
  beforeEach(() => server.clearLog());

  it('answers a non-streamed call with the model text, usage and a call record', async () => {
    const { provider, records } = createHarness(server, { stream: false });
    const response = await provider.complete({
      messages: user('hello there'),
      meta: { purpose: 'test', nodeId: 'n1' },
    });
    expect(response.text).toBe('HELLO THERE');
    const expectedInput = Math.ceil(('Answer in capitals.'.length + 'hello there'.length) / 4);
    expect(response.usage).toEqual({ inputTokens: expectedInput, outputTokens: 3 });
    expect(response.model).toBe('backflow-sim');
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      callId: response.callId,
      purpose: 'test',
      nodeId: 'n1',
      attempts: 1,
      cached: false,
      responseText: 'HELLO THERE',
      usage: response.usage,
    });
    expect(server.log).toMatchObject([{ stream: false, status: 200, fault: null, outcome: 'answered' }]);
  });

  it('streams partial text through onPartial and ends with the full answer and usage', async () => {
    const { provider } = createHarness(server);
    const partials: string[] = [];
    const long = 'the quick brown fox jumps over the lazy dog again and again';
    const response = await provider.complete({ messages: user(long), onPartial: (t) => partials.push(t) });
    expect(response.text).toBe(shout(long));
    // 16-character chunks: several partials, each a growing prefix of the answer.
    expect(partials.length).toBeGreaterThan(2);
    for (const [i, partial] of partials.entries()) {
      expect(response.text.startsWith(partial)).toBe(true);
      if (i > 0) expect(partial.length).toBeGreaterThan((partials[i - 1] as string).length);
    }
    expect(partials.at(-1)).toBe(response.text);
    expect(response.usage.outputTokens).toBe(Math.ceil(response.text.length / 4));
    expect(server.log).toMatchObject([{ stream: true, status: 200, outcome: 'answered' }]);
  });

  it('serves a repeated deterministic call from the cache, without an endpoint call', async () => {
    const cache = createMemoryCache();
    const { provider, records } = createHarness(server, { provider: { cache } });
    const first = await provider.complete({ messages: user('cache me'), temperature: 0 });
    const second = await provider.complete({ messages: user('cache me'), temperature: 0 });
    expect(second.text).toBe(first.text);
    expect(second.cached).toBe(true);
    expect(second.callId).not.toBe(first.callId);
    expect(server.log).toHaveLength(1);
    expect(records.map((r) => [r.cached, r.attempts])).toEqual([
      [false, 1],
      [true, 0],
    ]);
    // A sampled call (temperature > 0, no seed) is not served from the cache by default.
    await provider.complete({ messages: user('cache me'), temperature: 0.7 });
    await provider.complete({ messages: user('cache me'), temperature: 0.7 });
    expect(server.log).toHaveLength(3);
  });

  it('costs every call from the price table and the server usage', async () => {
    const prices = { 'shout-pro': { inputPerMTok: 3, outputPerMTok: 15 } };
    const { provider, records } = createHarness(server, { model: 'shout-pro', provider: { prices } });
    const response = await provider.complete({ messages: user('what does it cost') });
    const { inputTokens, outputTokens } = response.usage;
    expect(inputTokens).toBeGreaterThan(0);
    expect(records[0]?.costUsd).toBeCloseTo((inputTokens * 3 + outputTokens * 15) / 1e6, 12);
    expect(records[0]?.model).toBe('shout-pro');
  });
});

describe('CORS for the SDK in a browser', () => {
  it('a preflight naming exactly the headers the openai SDK sends is allowed', async () => {
    const server = await startSimServer({ model: createShoutModel() });
    try {
      // Capture the headers the SDK really sends, then preflight them as a browser would.
      let sent = new Headers();
      const capture = (async (input: RequestInfo | URL, init?: RequestInit) => {
        sent = new Headers(init?.headers);
        return fetch(input, init);
      }) as typeof fetch;
      const sdk = createOpenAIChatModel({
        baseURL: server.baseURL,
        apiKey: 'sk-x',
        model: 'backflow-sim',
        fetch: capture,
      });
      await sdk.complete({ messages: user('hi') });
      const names = [...sent.keys()].filter((n) => !['accept', 'content-length', 'user-agent'].includes(n));
      expect(names).toEqual(expect.arrayContaining(['authorization', 'content-type']));
      expect(names.some((n) => n.startsWith('x-stainless-'))).toBe(true);
      const preflight = await fetch(`${server.baseURL}/chat/completions`, {
        method: 'OPTIONS',
        headers: {
          origin: 'http://127.0.0.1:5173',
          'access-control-request-method': 'POST',
          'access-control-request-headers': names.join(','),
        },
      });
      expect(preflight.status).toBe(204);
      const allowed = (preflight.headers.get('access-control-allow-headers') ?? '').split(',');
      for (const name of names) expect(allowed).toContain(name);
    } finally {
      await server.close();
    }
  });
});

describe('provider errors that must fail fast', () => {
  let server: SimServer;

  beforeAll(async () => {
    server = await startSimServer({
      model: createShoutModel(),
      apiKey: 'sk-right',
      models: ['backflow-sim'],
    });
  });
  afterAll(() => server.close());
  beforeEach(() => server.clearLog());

  async function failure(promise: Promise<unknown>): Promise<ProviderError> {
    const err = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ProviderError);
    return err as ProviderError;
  }

  it('401 on a wrong key: one attempt, the diagnosis names the key and quotes the server', async () => {
    const { provider, records } = createHarness(server, { apiKey: 'sk-wrong' });
    const err = await failure(provider.complete({ messages: user('hi') }));
    expect(err).toMatchObject({ kind: 'auth', status: 401, attempts: 1 });
    expect(err.message).toContain('rejected the API key');
    expect(err.message).toContain('Incorrect API key provided.');
    expect(server.log).toHaveLength(1);
    expect(records[0]).toMatchObject({ attempts: 1, error: err.message });
  });

  it('401 without a key: the empty key is not sent as a made-up credential', async () => {
    const { provider } = createHarness(server, { apiKey: '' });
    const err = await failure(provider.complete({ messages: user('hi') }));
    expect(err).toMatchObject({ kind: 'auth', attempts: 1 });
    expect(err.serverMessage).toContain("You didn't provide an API key");
  });

  it('404 on an unknown model: one attempt, the diagnosis names the model and the /models list', async () => {
    const { provider } = createHarness(server, { apiKey: 'sk-right', model: 'gpt-nope' });
    const err = await failure(provider.complete({ messages: user('hi') }));
    expect(err).toMatchObject({ kind: 'not-found', status: 404, attempts: 1 });
    expect(err.message).toContain('"gpt-nope"');
    expect(err.message).toContain(`${server.baseURL}/models`);
    expect(err.message).toContain('does not exist or you do not have access to it');
    expect(server.log).toHaveLength(1);
  });

  it('404 on a base URL without /v1: the diagnosis points at the path', async () => {
    const baseURL = server.baseURL.replace(/\/v1$/, '');
    const { provider } = createHarness(server, { apiKey: 'sk-right', baseURL });
    const err = await failure(provider.complete({ messages: user('hi') }));
    expect(err).toMatchObject({ kind: 'not-found', attempts: 1 });
    expect(err.message).toContain('does not end in /v1');
  });

  it('connection refused in Node: one attempt, the diagnosis says nothing is listening', async () => {
    const closed = await startSimServer({ model: createShoutModel() });
    await closed.close();
    const { provider } = createHarness(closed);
    const err = await failure(provider.complete({ messages: user('hi') }));
    expect(err).toMatchObject({ kind: 'refused', attempts: 1 });
    expect(err.message).toContain('Nothing is listening');
  });
});
