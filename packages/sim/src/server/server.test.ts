// The simulator server's wire format, CORS, routes, fault injection and shutdown, over real HTTP
// with plain fetch (no SDK in between).

import type { ChatModel } from '../engine';
import { startSimServer } from './server';
import { createShoutModel } from './test-support/shout-model';
import type { SimServer, SimServerOptions } from './types';

const body = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    model: 'backflow-sim',
    messages: [{ role: 'user', content: 'make it loud please' }],
    ...extra,
  });

async function withServer(options: Partial<SimServerOptions>, run: (server: SimServer) => Promise<void>) {
  const server = await startSimServer({ model: createShoutModel(), ...options });
  try {
    await run(server);
  } finally {
    await server.close();
  }
}

const post = (server: SimServer, payload: string, headers: Record<string, string> = {}) =>
  fetch(`${server.baseURL}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: payload,
  });

describe('simulator server', () => {
  it('binds 127.0.0.1 and answers /health, /v1/models and the request log', () =>
    withServer({ models: ['sim-a', 'sim-b'] }, async (server) => {
      expect(server.host).toBe('127.0.0.1');
      expect(server.baseURL).toBe(`http://127.0.0.1:${server.port}/v1`);
      const health = await (await fetch(`http://127.0.0.1:${server.port}/health`)).json();
      expect(health).toMatchObject({ status: 'ok', simulated: true });
      const models = await (await fetch(`${server.baseURL}/models`)).json();
      expect(models.data.map((m: { id: string }) => m.id)).toEqual(['sim-a', 'sim-b']);
      const log = await (await fetch(`${server.baseURL}/_log`)).json();
      expect(log.entries.map((e: { path: string }) => e.path)).toEqual(['/health', '/v1/models', '/v1/_log']);
    }));

  it('answers a chat completion in the OpenAI JSON shape', () =>
    withServer({}, async (server) => {
      const res = await post(server, body());
      expect(res.status).toBe(200);
      expect(res.headers.get('x-request-id')).toMatch(/^req_/);
      const json = await res.json();
      expect(json).toMatchObject({
        object: 'chat.completion',
        model: 'backflow-sim',
        choices: [
          { index: 0, message: { role: 'assistant', content: 'MAKE IT LOUD PLEASE' }, finish_reason: 'stop' },
        ],
        usage: { prompt_tokens: 5, completion_tokens: 5, total_tokens: 10 },
      });
      expect(json.id).toMatch(/^chatcmpl-/);
    }));

  it('marks answers as simulated and estimates usage when the model reports none', async () => {
    const silent: ChatModel = {
      label: 'silent',
      simulated: true,
      complete: async () => ({
        text: 'twelve chars',
        usage: { inputTokens: 0, outputTokens: 0 },
        model: 'x',
        callId: '',
      }),
    };
    await withServer({ model: silent }, async (server) => {
      const res = await post(server, body());
      expect(res.headers.get('x-backflow-simulated')).toBe('true');
      const json = await res.json();
      // 'make it loud please' is 19 characters, the answer 12: about four characters per token.
      expect(json.usage).toEqual({ prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 });
    });
  });

  it('streams SSE chunks, a final usage chunk when asked, and [DONE]', () =>
    withServer({ chunkChars: 8 }, async (server) => {
      const res = await post(server, body({ stream: true, stream_options: { include_usage: true } }));
      expect(res.headers.get('content-type')).toBe('text/event-stream');
      const text = await res.text();
      const events = text.split('\n\n').filter(Boolean);
      expect(events.at(-1)).toBe('data: [DONE]');
      const chunks = events.slice(0, -1).map((e) => JSON.parse(e.replace(/^data: /, '')));
      expect(chunks[0].choices[0].delta).toEqual({ role: 'assistant', content: '' });
      const content = chunks.map((c) => c.choices[0]?.delta?.content ?? '').join('');
      expect(content).toBe('MAKE IT LOUD PLEASE');
      const finish = chunks.at(-2);
      expect(finish.choices[0]).toMatchObject({ delta: {}, finish_reason: 'stop' });
      expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 5, completion_tokens: 5 } });
      for (const chunk of chunks.slice(0, -1)) {
        expect(chunk).toMatchObject({ object: 'chat.completion.chunk', usage: null });
      }
    }));

  it('paces a stream with chunkDelayMs and stops writing when the client goes away', () =>
    withServer({ chunkChars: 2, chunkDelayMs: 5 }, async (server) => {
      const full = await post(server, body({ stream: true }));
      const text = await full.text();
      expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
      expect(server.log[0]).toMatchObject({ outcome: 'answered', status: 200 });

      const controller = new AbortController();
      const res = await fetch(`${server.baseURL}/chat/completions`, {
        method: 'POST',
        body: body({ stream: true }),
        signal: controller.signal,
      });
      const reader = res.body?.getReader();
      await reader?.read(); // the first event arrived: the stream is under way
      controller.abort();
      for (let i = 0; i < 400 && server.inFlight > 0; i++) await new Promise((r) => setTimeout(r, 5));
      expect(server.inFlight).toBe(0);
      expect(server.log[1]).toMatchObject({ stream: true, outcome: 'client-closed' });
    }));

  it('answers a CORS preflight with 204, echoing the requested headers', () =>
    withServer({}, async (server) => {
      const requested = 'authorization,content-type,x-stainless-os,x-stainless-retry-count';
      const res = await fetch(`${server.baseURL}/chat/completions`, {
        method: 'OPTIONS',
        headers: {
          origin: 'http://127.0.0.1:5173',
          'access-control-request-method': 'POST',
          'access-control-request-headers': requested,
        },
      });
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173');
      expect(res.headers.get('access-control-allow-headers')).toBe(requested);
      expect(res.headers.get('access-control-allow-methods')).toContain('POST');
      const answer = await post(server, body(), { origin: 'http://127.0.0.1:5173' });
      expect(answer.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173');
      expect(answer.headers.get('access-control-expose-headers')).toContain('retry-after');
    }));

  it('answers 400 to a body that is not JSON or not a chat request, and 404 to unknown paths', () =>
    withServer({}, async (server) => {
      expect((await post(server, '{nope')).status).toBe(400);
      const missing = await post(server, JSON.stringify({ model: 'm' }));
      expect(missing.status).toBe(400);
      expect((await missing.json()).error).toMatchObject({
        param: 'messages',
        type: 'invalid_request_error',
      });
      const unknown = await fetch(`http://127.0.0.1:${server.port}/chat/completions`, {
        method: 'POST',
        body: body(),
      });
      expect(unknown.status).toBe(404);
      expect((await unknown.json()).error.code).toBe('unknown_url');
    }));

  it('injects 429 with Retry-After and 500 with OpenAI error bodies', async () => {
    await withServer({ faults: { rate429: 1, retryAfterSeconds: 7 } }, async (server) => {
      const res = await post(server, body());
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('7');
      expect((await res.json()).error.code).toBe('rate_limit_exceeded');
      expect(server.log[0]).toMatchObject({ fault: '429', status: 429, outcome: 'fault' });
    });
    await withServer({ faults: { rate500: 1 } }, async (server) => {
      const res = await post(server, body());
      expect(res.status).toBe(500);
      expect((await res.json()).error.type).toBe('server_error');
    });
  });

  it('injects malformed JSON bodies and truncated streams', async () => {
    await withServer({ faults: { rateMalformed: 1 } }, async (server) => {
      const res = await post(server, body());
      expect(res.status).toBe(200);
      await expect(res.json()).rejects.toThrow();
    });
    await withServer({ faults: { rateTruncate: 1 }, chunkChars: 2 }, async (server) => {
      const res = await post(server, body({ stream: true }));
      expect(res.status).toBe(200);
      await expect(res.text()).rejects.toThrow();
      expect(server.log[0]).toMatchObject({ fault: 'truncate', stream: true });
    });
  });

  it('keeps a hung request open until close(), which destroys its socket', async () => {
    const server = await startSimServer({ model: createShoutModel(), faults: { rateHang: 1 } });
    const pending = post(server, body()).then(
      () => 'answered',
      () => 'failed',
    );
    for (let i = 0; i < 400 && server.inFlight === 0; i++) await new Promise((r) => setTimeout(r, 5));
    expect(server.inFlight).toBe(1);
    await server.close();
    expect(await pending).toBe('failed');
    expect(server.log[0]).toMatchObject({ fault: 'hang', status: null });
  });

  it("counts the model's own work inside the latency, not on top of it", async () => {
    // A model that works synchronously for as long as the latency: started after that work, the
    // latency timer would make the answer take twice as long (at least 800 ms here).
    const shoutModel = createShoutModel();
    const busyModel: ChatModel = {
      label: 'busy test model (simulated)',
      simulated: true,
      complete(request) {
        const until = performance.now() + 400;
        while (performance.now() < until) {
          // working
        }
        return shoutModel.complete(request);
      },
    };
    await withServer({ model: busyModel, latencyMs: 400 }, async (server) => {
      const started = performance.now();
      const res = await post(server, body());
      expect((await res.json()).choices[0].message.content).toBe('MAKE IT LOUD PLEASE');
      const elapsed = performance.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(400);
      expect(elapsed).toBeLessThan(700);
    });
  });

  it('draws the same fault sequence from the same seed', async () => {
    const sequence = async (seed: number) => {
      let faults = '';
      // No hangs here: the requests are sent one after another.
      await withServer(
        { faults: { rate429: 0.2, rate500: 0.2, rateMalformed: 0.2 }, seed },
        async (server) => {
          for (let i = 0; i < 16; i++) await (await post(server, body())).text();
          faults = server.log.map((e) => e.fault ?? '-').join(',');
        },
      );
      return faults;
    };
    const first = await sequence(11);
    expect(first).toMatch(/-/);
    expect(first).toMatch(/429|500|malformed/);
    expect(await sequence(11)).toBe(first);
  });
});
