import { answerFormatOf } from '../prompts/ask';
import { judgeAnswerSchema } from '../prompts/tasks';
import { createOpenAIChatModel } from './openai-client';
import { createOpenAIProvider } from './openai-provider';
import type { CallRecord } from './types';

type Body = Record<string, unknown>;

/** A fetch answering each request body with `answer(body)`: a completion, or an error status and body. */
function endpoint(answer: (body: Body) => { status?: number; json: unknown }) {
  const bodies: Body[] = [];
  const fetch = (async (_input: RequestInfo | URL, init?: RequestInit) => {
    const body = JSON.parse(String(init?.body)) as Body;
    bodies.push(body);
    const { status = 200, json } = answer(body);
    return new Response(JSON.stringify(json), { status, headers: { 'content-type': 'application/json' } });
  }) as typeof globalThis.fetch;
  return { fetch, bodies };
}

const refusal = (message: string, param: string | null) => ({
  status: 400,
  json: { error: { message, type: 'invalid_request_error', param, code: 'unsupported_parameter' } },
});
const answer = (message: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  json: {
    id: 'c',
    object: 'chat.completion',
    model: 'o4-mini',
    choices: [{ index: 0, message: { role: 'assistant', ...message }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 10, completion_tokens: 50, completion_tokens_details: { reasoning_tokens: 40 } },
    ...extra,
  },
});
const messages = [{ role: 'user' as const, content: 'judge this' }];

/** The full provider stack at a vLLM-like URL (structured outputs on by default), recording its calls. */
function vllmProvider(fetch: typeof globalThis.fetch) {
  const records: CallRecord[] = [];
  const model = createOpenAIProvider({
    baseURL: 'http://127.0.0.1:8000/v1',
    model: 'm',
    fetch,
    recorder: (r) => records.push(r),
    retry: { maxAttempts: 1 },
  });
  return { model, records };
}
const answerFormat = answerFormatOf('judge', judgeAnswerSchema);

describe('structured outputs', () => {
  it('sends the answer schema as response_format json_schema when the option is on', async () => {
    const server = endpoint(() => answer({ content: '{"score": 1, "feedback": "ok"}' }));
    const model = createOpenAIChatModel({
      baseURL: 'http://127.0.0.1:9/v1',
      model: 'm',
      fetch: server.fetch,
      structuredOutputs: true,
    });
    await model.complete({ messages, answerFormat });
    await model.complete({ messages }); // no answer format: plain text
    expect(server.bodies[0]?.response_format).toEqual({
      type: 'json_schema',
      json_schema: { name: 'judge', schema: answerFormat.schema, strict: false },
    });
    expect(server.bodies[1]).not.toHaveProperty('response_format');
  });

  it('is on by default for the presets that have it, off for OpenRouter and custom servers', async () => {
    const sent = async (baseURL: string, preset?: 'custom') => {
      const server = endpoint(() => answer({ content: '{}' }));
      const retry = { maxAttempts: 1 };
      await createOpenAIProvider({
        baseURL,
        model: 'm',
        fetch: server.fetch,
        retry,
        ...(preset ? { preset } : {}),
      }).complete({
        messages,
        answerFormat,
      });
      // The bare client guesses the preset from the base URL too.
      await createOpenAIChatModel({ baseURL, model: 'm', fetch: server.fetch }).complete({
        messages,
        answerFormat,
      });
      return server.bodies.map((b) => 'response_format' in b);
    };
    expect(await sent('http://127.0.0.1:8000/v1')).toEqual([true, true]); // vLLM
    expect(await sent('http://127.0.0.1:11434/v1')).toEqual([true, true]); // Ollama
    expect(await sent('https://api.openai.com/v1')).toEqual([true, true]);
    expect(await sent('https://openrouter.ai/api/v1')).toEqual([false, false]);
    expect(await sent('http://127.0.0.1:9999/v1')).toEqual([false, false]);
    // An explicit preset wins over the guess for the provider.
    expect(await sent('http://127.0.0.1:8000/v1', 'custom')).toEqual([false, true]);
  });

  it('falls back to text by itself when the endpoint refuses it, once for the run, with a note', async () => {
    const server = endpoint((body) =>
      body.response_format
        ? refusal(
            "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.",
            'response_format',
          )
        : answer({ content: '```json\n{"score": 1, "feedback": "ok"}\n```' }),
    );
    const { model, records } = vllmProvider(server.fetch);
    const first = await model.complete({ messages, answerFormat });
    await model.complete({ messages, answerFormat });
    expect(first.text).toContain('"score": 1');
    expect(server.bodies.map((b) => 'response_format' in b)).toEqual([true, false, false]);
    expect(records[0]?.notes?.[0]).toMatch(
      /^Structured outputs refused \(the endpoint answered 400: .*response_format/,
    );
    expect(records[0]?.answer).toEqual({ reading: 'direct' });
    expect(records[1]?.notes).toBeUndefined();
  });
});

describe('refusals under structured outputs', () => {
  it('reads a refusal sent apart as the answer text, so the log and the repair prompt show it', async () => {
    const server = endpoint(() => answer({ content: null, refusal: "I'm sorry, I can't assist with that." }));
    const { model, records } = vllmProvider(server.fetch);
    const response = await model.complete({ messages, answerFormat });
    expect(response.text).toBe("I'm sorry, I can't assist with that.");
    expect(records[0]?.answer).toMatchObject({ reading: 'unreadable' });
  });
});

describe('reasoning models', () => {
  it('learns from 400s to drop temperature and send max_completion_tokens, and remembers it', async () => {
    const server = endpoint((body) => {
      if ('max_tokens' in body)
        return refusal(
          "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
          'max_tokens',
        );
      if ('temperature' in body && body.temperature !== 1)
        return refusal(
          "Unsupported value: 'temperature' does not support 0 with this model. Only the default (1) value is supported.",
          null,
        );
      return answer({ content: 'fine', reasoning_content: 'thinking hard' });
    });
    const model = createOpenAIChatModel({
      baseURL: 'http://127.0.0.1:9/v1',
      model: 'o4-mini',
      fetch: server.fetch,
    });
    const first = await model.complete({ messages, temperature: 0, maxTokens: 100 });
    expect(first.notes).toEqual([
      expect.stringMatching(/^max_tokens refused .*max_completion_tokens sent instead/),
      expect.stringMatching(/^Temperature refused .*sent without temperature/),
    ]);
    expect(first).toMatchObject({
      text: 'fine',
      reasoning: 'thinking hard',
      finishReason: 'stop',
      usage: { inputTokens: 10, outputTokens: 50, reasoningTokens: 40 },
    });
    const second = await model.complete({ messages, temperature: 0, maxTokens: 100 });
    expect(second.notes).toBeUndefined();
    expect(server.bodies).toHaveLength(4);
    expect(server.bodies[3]).toMatchObject({ max_completion_tokens: 100 });
    expect(server.bodies[3]).not.toHaveProperty('temperature');
    expect(server.bodies[3]).not.toHaveProperty('max_tokens');
  });

  it('does not retry a 400 about anything else', async () => {
    const server = endpoint(() => refusal("Invalid value for 'messages[0]'.", 'messages[0]'));
    const model = createOpenAIChatModel({
      baseURL: 'http://127.0.0.1:9/v1',
      model: 'm',
      fetch: server.fetch,
    });
    await expect(model.complete({ messages, temperature: 0 })).rejects.toMatchObject({ status: 400 });
    expect(server.bodies).toHaveLength(1);
  });

  it('reads Ollama-style `reasoning` and a cut-off answer', async () => {
    const server = endpoint(() => ({
      json: {
        id: 'c',
        object: 'chat.completion',
        model: 'qwen3',
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: '{"sco', reasoning: 'r' },
            finish_reason: 'length',
          },
        ],
        usage: { prompt_tokens: 1, completion_tokens: 2 },
      },
    }));
    const model = createOpenAIChatModel({
      baseURL: 'http://127.0.0.1:9/v1',
      model: 'qwen3',
      fetch: server.fetch,
    });
    const response = await model.complete({ messages });
    expect(response).toMatchObject({ text: '{"sco', reasoning: 'r', finishReason: 'length' });
    expect(response.usage).toEqual({ inputTokens: 1, outputTokens: 2 });
  });
});
