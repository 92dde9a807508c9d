import 'fake-indexeddb/auto';
import { buildModels } from '@backflow/engine';
import { providerOf } from '../optimize/form';
import { attachPersistence } from '../persistence/attach';
import { openBackflowDb } from '../persistence/db';
import { createStudioStore } from '../store/create-store';
import { structuredOutputsDefault } from './ModelSettingsForm';
import { defaultModelSettings, defaultSettings, type ModelSettings, withPreset } from './provider-settings';

const preset = (id: Parameters<typeof withPreset>[1]) => withPreset(defaultModelSettings(), id);

/** A fetch that records each request body and answers one JSON object. */
function recordingFetch(bodies: Record<string, unknown>[]): typeof fetch {
  return (async (_url: RequestInfo | URL, init?: RequestInit) => {
    bodies.push(JSON.parse(String(init?.body)));
    return new Response(
      JSON.stringify({
        id: 'c',
        object: 'chat.completion',
        model: 'm',
        choices: [
          { index: 0, message: { role: 'assistant', content: '{"prompt":"p"}' }, finish_reason: 'stop' },
        ],
        usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
      }),
      { headers: { 'content-type': 'application/json' } },
    );
  }) as typeof fetch;
}

describe('structured outputs: a setting per endpoint in the studio', () => {
  it('defaults from the preset (a custom server: guessed from its URL) until the person chooses', () => {
    expect(structuredOutputsDefault(preset('openai'))).toBe(true);
    expect(structuredOutputsDefault(preset('ollama'))).toBe(true);
    expect(structuredOutputsDefault(preset('openrouter'))).toBe(false);
    expect(structuredOutputsDefault({ ...preset('custom'), baseUrl: 'http://127.0.0.1:8000/v1' })).toBe(true);
    expect(structuredOutputsDefault({ ...preset('custom'), baseUrl: 'http://127.0.0.1:4444/v1' })).toBe(
      false,
    );
    expect(structuredOutputsDefault(defaultModelSettings())).toBe(false);
    // Switching preset drops a choice made for the previous server.
    const chosen: ModelSettings = { ...preset('openai'), structuredOutputs: false };
    expect('structuredOutputs' in withPreset(chosen, 'vllm')).toBe(false);
  });

  it('is stored per endpoint and read back after a reload', async () => {
    const db = openBackflowDb(`structured-${Date.now()}`);
    const store = createStudioStore();
    const p = attachPersistence(store, db, { tabId: 't', delayMs: 5 });
    await p.ready;
    const settings = {
      forward: { ...preset('ollama'), structuredOutputs: false },
      optimizer: { ...preset('vllm'), structuredOutputs: true },
    };
    store.getState().setSettings(settings);
    await p.flush();
    p.detach();
    const again = createStudioStore();
    const p2 = attachPersistence(again, db, { tabId: 't2', delayMs: 5 });
    await p2.ready;
    expect(again.getState().settings.forward.structuredOutputs).toBe(false);
    expect(again.getState().settings.optimizer.structuredOutputs).toBe(true);
    expect(again.getState().settings).toEqual(settings);
    p2.detach();
    db.close();
  });

  it('reaches the engine factory: each endpoint sends response_format or not as chosen', async () => {
    const ask = {
      messages: [{ role: 'user' as const, content: 'q' }],
      answerFormat: { name: 'answer', schema: { type: 'object' }, strict: false },
    };
    const bodies: Record<string, unknown>[] = [];
    const settings = {
      ...defaultSettings(),
      forward: { ...preset('vllm'), structuredOutputs: false },
      optimizer: {
        ...preset('custom'),
        baseUrl: 'http://127.0.0.1:4444/v1',
        model: 'm',
        structuredOutputs: true,
      },
    };
    const models = buildModels(providerOf(settings), { fetch: recordingFetch(bodies) });
    await models.forwardModel.complete(ask);
    await models.optimizerModel.complete(ask);
    expect(bodies[0]?.response_format).toBeUndefined();
    expect(bodies[1]?.response_format).toMatchObject({
      type: 'json_schema',
      json_schema: { name: 'answer' },
    });
    // Unchosen, the preset decides: vLLM has structured outputs.
    const byPreset = buildModels(providerOf({ ...settings, forward: preset('vllm') }), {
      fetch: recordingFetch(bodies),
    });
    await byPreset.forwardModel.complete(ask);
    expect(bodies[2]?.response_format).toMatchObject({ type: 'json_schema' });
  });
});
