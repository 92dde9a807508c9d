import { ResponseShapeError } from './errors';
import { createOpenAIChatModel } from './openai-client';

interface Seen {
  url: string;
  headers: Headers;
  body: Record<string, unknown>;
}

/** A fetch that records the request and answers with `respond()`. */
function fakeFetch(respond: () => Response, seen: Seen[]): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    seen.push({
      url: String(input),
      headers: new Headers(init?.headers),
      body: JSON.parse(String(init?.body)),
    });
    return respond();
  }) as typeof fetch;
}

const json = (value: unknown) =>
  new Response(JSON.stringify(value), { headers: { 'content-type': 'application/json' } });
const sse = (events: unknown[]) =>
  new Response(events.map((e) => `data: ${typeof e === 'string' ? e : JSON.stringify(e)}\n\n`).join(''), {
    headers: { 'content-type': 'text/event-stream' },
  });
const completion = {
  id: 'c1',
  object: 'chat.completion',
  model: 'served-name',
  choices: [{ index: 0, message: { role: 'assistant', content: 'hello' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 7, completion_tokens: 2, total_tokens: 9 },
};
const chunk = (delta: Record<string, string>, finish: string | null = null) => ({
  id: 'c1',
  object: 'chat.completion.chunk',
  model: 'm',
  choices: [{ index: 0, delta, finish_reason: finish }],
});
const messages = [{ role: 'user' as const, content: 'hi there' }];

describe('OpenAI-compatible client', () => {
  it('sends model, temperature, token limit and seed, and reads text, usage and model', async () => {
    const seen: Seen[] = [];
    const model = createOpenAIChatModel({
      baseURL: 'http://127.0.0.1:9/v1',
      apiKey: 'sk-test',
      model: 'm',
      temperature: 0.2,
      fetch: fakeFetch(() => json(completion), seen),
    });
    const response = await model.complete({ messages, maxTokens: 50, seed: 4 });
    expect(response).toMatchObject({
      text: 'hello',
      usage: { inputTokens: 7, outputTokens: 2 },
      model: 'served-name',
    });
    expect(seen[0]?.url).toBe('http://127.0.0.1:9/v1/chat/completions');
    expect(seen[0]?.body).toMatchObject({ model: 'm', temperature: 0.2, max_tokens: 50, seed: 4, messages });
    expect(seen[0]?.headers.get('authorization')).toBe('Bearer sk-test');
    // The SDK's own name, not the engine's subclass's (the SDK builds it from the class name).
    expect(seen[0]?.headers.get('user-agent')).toMatch(/^OpenAI\/JS \d+\.\d+\.\d+$/);
    expect(model.simulated).toBe(false);
    expect(model.label).toBe('127.0.0.1:9 · m');
  });

  it('sends no Authorization header at all when the key is empty', async () => {
    const seen: Seen[] = [];
    const model = createOpenAIChatModel({
      baseURL: 'http://127.0.0.1:9/v1',
      apiKey: '',
      model: 'm',
      maxTokensField: 'max_completion_tokens',
      fetch: fakeFetch(() => json(completion), seen),
    });
    await model.complete({ messages, maxTokens: 5 });
    expect(seen[0]?.headers.has('authorization')).toBe(false);
    expect(seen[0]?.body).toMatchObject({ max_completion_tokens: 5 });
    expect(seen[0]?.body).not.toHaveProperty('max_tokens');
  });

  it('streams with include_usage, reporting growing partial text', async () => {
    const seen: Seen[] = [];
    const events = [
      chunk({ role: 'assistant', content: '' }),
      chunk({ content: 'hel' }),
      chunk({ content: 'lo' }),
      chunk({}, 'stop'),
      {
        id: 'c1',
        object: 'chat.completion.chunk',
        model: 'm',
        choices: [],
        usage: { prompt_tokens: 3, completion_tokens: 1 },
      },
      '[DONE]',
    ];
    const model = createOpenAIChatModel({
      baseURL: 'http://h/v1',
      model: 'm',
      fetch: fakeFetch(() => sse(events), seen),
    });
    const partials: string[] = [];
    const response = await model.complete({ messages, onPartial: (t) => partials.push(t) });
    expect(seen[0]?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(partials).toEqual(['hel', 'hello']);
    expect(response).toMatchObject({ text: 'hello', usage: { inputTokens: 3, outputTokens: 1 } });
  });

  it('estimates usage when a server streams none', async () => {
    const events = [chunk({ content: 'abcdefgh' }), chunk({}, 'stop'), '[DONE]'];
    const model = createOpenAIChatModel({
      baseURL: 'http://h/v1',
      model: 'm',
      stream: true,
      fetch: fakeFetch(() => sse(events), []),
    });
    const response = await model.complete({ messages });
    expect(response.usage).toEqual({ inputTokens: 2, outputTokens: 2 });
  });

  it('estimates usage, input included, when a server answers without any', async () => {
    const { usage: _none, ...bare } = completion;
    const long = [{ role: 'user' as const, content: 'x'.repeat(41) }];
    const model = createOpenAIChatModel({
      baseURL: 'http://h/v1',
      model: 'm',
      fetch: fakeFetch(() => json(bare), []),
    });
    const response = await model.complete({ messages: long });
    // 41 characters of input and 5 of answer ("hello"), at about four a token, rounded up.
    expect(response.usage).toEqual({ inputTokens: 11, outputTokens: 2 });
  });

  it('rejects a stream that ends without a finish_reason as truncated', async () => {
    const events = [chunk({ content: 'hal' })];
    const model = createOpenAIChatModel({
      baseURL: 'http://h/v1',
      model: 'm',
      stream: true,
      fetch: fakeFetch(() => sse(events), []),
    });
    const err = await model.complete({ messages }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ResponseShapeError);
    expect(err).toMatchObject({ kind: 'truncated' });
  });

  it('rejects a JSON body that is not a chat completion as malformed', async () => {
    const model = createOpenAIChatModel({
      baseURL: 'http://h/v1',
      model: 'm',
      fetch: fakeFetch(() => json({ hello: 1 }), []),
    });
    await expect(model.complete({ messages })).rejects.toMatchObject({ kind: 'malformed' });
  });
});
