import { askStructured, buildJudgePrompt, type CallRecord, createOpenAIProvider } from '@backflow/engine';
import { judgeAnswerSchema } from '../engine';
import { createSimulatedModel } from '../world/sim-model';
import { startSimServer } from './server';
import type { SimServer, SimServerOptions } from './types';

let server: SimServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(options: Omit<SimServerOptions, 'model'>) {
  server = await startSimServer({ model: createSimulatedModel({ seed: 1 }), ...options });
  return server;
}

/** The engine's provider stack at `server`, recording its calls; structured outputs as asked. */
function provider(
  s: SimServer,
  extra: { model?: string; structuredOutputs?: boolean; stream?: boolean } = {},
) {
  const records: CallRecord[] = [];
  const model = createOpenAIProvider({
    baseURL: s.baseURL,
    model: extra.model ?? 'backflow-sim',
    structuredOutputs: extra.structuredOutputs ?? true,
    ...(extra.stream ? { stream: true } : {}),
    recorder: (r) => records.push(r),
    retry: { maxAttempts: 1 },
  });
  return { model, records };
}

const judgePrompt = (output: string) =>
  buildJudgePrompt({
    task: 'judge',
    rubric: 'Exact match with the target.',
    input: 'capital of France?',
    output,
    target: 'Paris',
  });
const ask = (model: ReturnType<typeof provider>['model'], output = 'Paris') =>
  askStructured({ forwardModel: model, optimizerModel: model }, judgePrompt(output), judgeAnswerSchema, {
    purpose: 'judge',
  });

describe('serve-sim and structured outputs', () => {
  it('answers a json_schema request with pure JSON, read as asked', async () => {
    const s = await serve({});
    const { model, records } = provider(s);
    const result = await ask(model);
    expect(result).toMatchObject({ ok: true, reading: 'direct', value: { score: 1 } });
    expect(records[0]?.responseText?.trim().startsWith('{')).toBe(true);
    expect(records[0]?.answer).toEqual({ reading: 'direct' });
  });

  it('rejects response_format with a 400 when told to; the client falls back to text by itself', async () => {
    const s = await serve({ rejectResponseFormat: true });
    const { model, records } = provider(s);
    expect(await ask(model)).toMatchObject({ ok: true, reading: 'direct' });
    expect(await ask(model, 'Lyon')).toMatchObject({ ok: true, value: { score: 0 } });
    expect(s.log.map((e) => e.status)).toEqual([400, 200, 200]);
    expect(records[0]?.notes?.[0]).toMatch(/^Structured outputs refused .*400.*response_format/);
    expect(records[0]?.responseText).toContain('```json');
    expect(records[1]?.notes).toBeUndefined();
  });

  it('serves a reasoning model that refuses max_tokens and temperature; the client learns both once', async () => {
    const s = await serve({ reasoningModels: ['o-sim'] });
    const { model, records } = provider(s, { model: 'o-sim' });
    const first = await model.complete({
      messages: [{ role: 'user', content: 'hello' }],
      temperature: 0,
      maxTokens: 64,
    });
    expect(first.text).not.toBe('');
    await model.complete({ messages: [{ role: 'user', content: 'again' }], temperature: 0, maxTokens: 64 });
    expect(s.log.map((e) => e.status)).toEqual([400, 400, 200, 200]);
    expect(records[0]?.notes).toEqual([
      expect.stringMatching(/^max_tokens refused/),
      expect.stringMatching(/^Temperature refused .*does not support 0/),
    ]);
    expect(records[1]?.notes).toBeUndefined();
  });
});

describe('serve-sim realistic answers', () => {
  it('sends reasoning_content and reasoning tokens over SSE, kept out of the answer', async () => {
    const s = await serve({ realistic: { rate: 1, seed: 3, kinds: ['reasoning-content'] } });
    const { model, records } = provider(s, { stream: true });
    const response = await model.complete({ messages: [{ role: 'user', content: 'Say hi.' }] });
    expect(response.reasoning).toContain('Say hi.');
    expect(response.text).not.toContain('step by step');
    expect(records[0]?.reasoning).toBe(response.reasoning);
    expect(records[0]?.usage.reasoningTokens).toBeGreaterThan(0);
  });

  it('cuts answers off with finish_reason length; the engine repairs once and says so', async () => {
    const s = await serve({ realistic: { rate: 1, seed: 3, kinds: ['truncated'] } });
    const { model, records } = provider(s, { structuredOutputs: false });
    const result = await ask(model);
    // The repair request is also cut off: a visible failure, counted, never a crash.
    expect(result).toMatchObject({ ok: false, reading: 'failed' });
    expect(records.map((r) => [r.purpose, r.finishReason, r.answer?.reading])).toEqual([
      ['judge', 'length', 'unreadable'],
      ['repair', 'length', 'unreadable'],
    ]);
  });
});
