import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { attemptTimeoutMs, buildModels } from './build-models';
import {
  type EndpointSettings,
  endpointProblems,
  upgradeProviderSettings,
  withoutKeys,
} from './endpoint-settings';
import type { ChatModel, ChatRequest } from './types';

/** A tiny OpenAI-compatible server that records each request's model, key and temperature. */
async function recordingServer(name: string) {
  const seen: { model: string; auth: string | undefined; temperature: unknown; format?: unknown }[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const parsed = JSON.parse(body) as {
        model: string;
        temperature?: unknown;
        response_format?: { type: string };
      };
      seen.push({
        model: parsed.model,
        auth: req.headers.authorization,
        temperature: parsed.temperature,
        ...(parsed.response_format ? { format: parsed.response_format.type } : {}),
      });
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          id: 'x',
          object: 'chat.completion',
          created: 0,
          model: parsed.model,
          choices: [
            { index: 0, message: { role: 'assistant', content: `${name} answers` }, finish_reason: 'stop' },
          ],
          usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    seen,
    baseUrl: `http://127.0.0.1:${port}/v1`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const ask = (model: ChatModel) =>
  model.complete({ messages: [{ role: 'user', content: 'hi' }], meta: { purpose: 'test' } } as ChatRequest);

/** A stand-in for the host's simulator: answers with its role. */
const simulated = (_endpoint: EndpointSettings, role: string): ChatModel => ({
  label: 'Simulated',
  simulated: true,
  complete: async () => ({
    text: `sim ${role}`,
    usage: { inputTokens: 1, outputTokens: 1 },
    model: 'sim',
    callId: 'c',
  }),
});

describe('buildModels', () => {
  it('sends optimizer calls to the optimizer endpoint with its own key, model and temperature', async () => {
    const a = await recordingServer('A');
    const b = await recordingServer('B');
    try {
      const { forwardModel, optimizerModel } = buildModels({
        forward: {
          kind: 'openai-compatible',
          baseUrl: a.baseUrl,
          model: 'fwd',
          apiKey: 'key-a',
          temperature: 0.2,
        },
        optimizer: {
          kind: 'openai-compatible',
          baseUrl: b.baseUrl,
          model: 'opt',
          apiKey: 'key-b',
          temperature: 0.9,
        },
      });
      expect((await ask(forwardModel)).text).toBe('A answers');
      expect((await ask(optimizerModel)).text).toBe('B answers');
      expect(a.seen).toEqual([{ model: 'fwd', auth: 'Bearer key-a', temperature: 0.2 }]);
      expect(b.seen).toEqual([{ model: 'opt', auth: 'Bearer key-b', temperature: 0.9 }]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('mixes the simulator and a real endpoint either way', async () => {
    const a = await recordingServer('A');
    try {
      const real: EndpointSettings = { kind: 'openai-compatible', baseUrl: a.baseUrl, model: 'real' };
      const sim: EndpointSettings = { kind: 'simulated', baseUrl: '', model: 'backflow-sim' };
      const one = buildModels({ forward: sim, optimizer: real }, { simulated });
      expect((await ask(one.forwardModel)).text).toBe('sim forward');
      expect((await ask(one.optimizerModel)).text).toBe('A answers');
      const two = buildModels({ forward: real, optimizer: sim }, { simulated });
      expect((await ask(two.forwardModel)).text).toBe('A answers');
      expect((await ask(two.optimizerModel)).text).toBe('sim optimizer');
      expect(a.seen.map((s) => s.model)).toEqual(['real', 'real']);
    } finally {
      await a.close();
    }
  });

  it('tells the run how many calls the forward endpoint takes at once', () => {
    const sim: EndpointSettings = { kind: 'simulated', baseUrl: '', model: 'backflow-sim' };
    expect(
      buildModels({ forward: { ...sim, concurrency: 40 }, optimizer: sim }, { simulated }).forwardConcurrency,
    ).toBe(40);
    expect(
      buildModels({ forward: sim, optimizer: { ...sim, concurrency: 40 } }, { simulated }).forwardConcurrency,
    ).toBe(4);
  });

  it('passes each endpoint its own structuredOutputs switch', async () => {
    const a = await recordingServer('A');
    try {
      const endpoint = (structuredOutputs: boolean): EndpointSettings => ({
        kind: 'openai-compatible',
        preset: 'custom',
        baseUrl: a.baseUrl,
        model: structuredOutputs ? 'on' : 'off',
        structuredOutputs,
      });
      const { forwardModel, optimizerModel } = buildModels({
        forward: endpoint(false),
        optimizer: endpoint(true),
      });
      const answerFormat = { name: 'answer', schema: { type: 'object' }, strict: false };
      for (const model of [forwardModel, optimizerModel]) {
        await model.complete({
          messages: [{ role: 'user', content: 'hi' }],
          meta: { purpose: 'test' },
          answerFormat,
        } as ChatRequest);
      }
      expect(a.seen.map((s) => [s.model, s.format])).toEqual([
        ['off', undefined],
        ['on', 'json_schema'],
      ]);
    } finally {
      await a.close();
    }
  });

  it('refuses bad settings before any call, naming the role, in plain sentences', () => {
    const good: EndpointSettings = {
      kind: 'openai-compatible',
      baseUrl: 'http://127.0.0.1:1/v1',
      model: 'm',
    };
    expect(() =>
      buildModels({ forward: good, optimizer: { ...good, baseUrl: 'javascript:alert(1)' } }),
    ).toThrow('Optimizer model: Base URL must be an http(s) URL');
    expect(() => buildModels({ forward: { ...good, timeoutSeconds: 1e9 }, optimizer: good })).toThrow(
      'Forward model: Timeout must be at most 3600 seconds (one hour).',
    );
    expect(() => buildModels({ forward: { ...good, kind: 'simulated' }, optimizer: good })).toThrow(
      'cannot run the simulated model',
    );
    expect(endpointProblems({ ...good, concurrency: 0, temperature: -1 })).toEqual([
      'Temperature must be between 0 and 2.',
      'Concurrency must be at least 1.',
    ]);
  });

  it('turns the timeout into milliseconds and never past the setTimeout-safe limit', () => {
    expect(attemptTimeoutMs({ kind: 'simulated', baseUrl: '', model: 'm', timeoutSeconds: 2.5 })).toBe(2500);
    expect(attemptTimeoutMs({ kind: 'simulated', baseUrl: '', model: 'm' })).toBe(60_000);
    expect(attemptTimeoutMs({ kind: 'simulated', baseUrl: '', model: 'm', timeoutSeconds: 1e12 })).toBe(
      3_600_000,
    );
  });
});

describe('stored settings', () => {
  it('drops both keys, and reads the older one-endpoint shape', () => {
    const e: EndpointSettings = {
      kind: 'openai-compatible',
      baseUrl: 'http://h/v1',
      model: 'm',
      apiKey: 'k1',
    };
    expect(JSON.stringify(withoutKeys({ forward: e, optimizer: { ...e, apiKey: 'k2' } }))).not.toMatch(
      /k1|k2/,
    );
    const upgraded = upgradeProviderSettings({
      kind: 'openai-compatible',
      baseUrl: 'http://h/v1',
      forwardModel: 'f',
      optimizerModel: 'o',
      maxConcurrency: 3,
      prices: { o: { inputPerMTok: 1, outputPerMTok: 2 } },
    });
    expect(upgraded.forward).toEqual({
      kind: 'openai-compatible',
      baseUrl: 'http://h/v1',
      model: 'f',
      concurrency: 3,
    });
    expect(upgraded.optimizer).toMatchObject({ model: 'o', priceInPerMTok: 1, priceOutPerMTok: 2 });
  });
});
