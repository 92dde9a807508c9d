import { endpointProblems } from '@backflow/engine';
import { defaultModelSettings, normalizeStudioSettings, withPreset } from './provider-settings';

describe('studio model settings', () => {
  it('are the engine endpoint shape: defaults and every preset pass its check (custom needs a model)', () => {
    expect(endpointProblems(defaultModelSettings())).toEqual([]);
    for (const preset of ['openai', 'openrouter', 'ollama', 'lmstudio', 'vllm', 'llamacpp'] as const) {
      expect(endpointProblems(withPreset(defaultModelSettings(), preset)), preset).toEqual([]);
    }
    expect(withPreset(defaultModelSettings(), 'ollama').kind).toBe('openai-compatible');
    expect(endpointProblems(withPreset(defaultModelSettings(), 'custom'))).toEqual([
      'Model name is empty: give the model to call, e.g. gpt-4o-mini.',
    ]);
  });

  it('reads saves from before `kind` existed, and falls back to defaults for unreadable ones', () => {
    const old = {
      forward: { preset: 'simulated', baseUrl: '', model: 'sim', apiKey: '', temperature: 0, concurrency: 4 },
      optimizer: {
        preset: 'ollama',
        baseUrl: 'http://127.0.0.1:11434/v1',
        model: 'llama3.1',
        apiKey: 'k',
        temperature: 0.5,
        concurrency: 2,
        priceInPerMTok: 0,
        priceOutPerMTok: 0,
      },
    };
    const settings = normalizeStudioSettings(old);
    expect(settings.forward).toMatchObject({ kind: 'simulated', model: 'backflow-sim' });
    expect(settings.optimizer).toMatchObject({
      kind: 'openai-compatible',
      model: 'llama3.1',
      apiKey: 'k',
      concurrency: 2,
    });
    expect(normalizeStudioSettings(null)).toEqual({
      forward: defaultModelSettings(),
      optimizer: defaultModelSettings(),
    });
    expect(normalizeStudioSettings({ forward: 'junk' }).forward).toEqual(defaultModelSettings());
  });
});
