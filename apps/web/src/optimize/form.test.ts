import { resolveSettings } from '@backflow/engine';
import { defaultModelSettings, type ModelSettings, withPreset } from '../settings/provider-settings';
import { defaultForm, formProblems, providerOf, sessionSettingsOf } from './form';
import { formOfSession } from './form-of-session';

describe('Optimize form', () => {
  it('says what is wrong in plain sentences, one per field', () => {
    expect(formProblems(defaultForm('gtbp'))).toEqual([]);
    expect(
      formProblems({
        ...defaultForm('gtbp'),
        iterations: 0,
        batchSize: -2,
        valFraction: 1,
        maxCalls: 0,
        maxCostUsd: -1,
      }),
    ).toEqual([
      'Iterations must be a whole number of at least 1.',
      'Minibatch size must be a whole number of at least 1.',
      'The validation share must be at least 0 and below 1.',
      'The call budget must be more than 0 (leave it empty for no limit).',
      'The cost budget must be more than 0 (leave it empty for no limit).',
    ]);
    expect(formProblems({ ...defaultForm('sembp'), iterations: 2.5 })).toEqual([
      'Iterations must be a whole number of at least 1.',
    ]);
  });

  it("checks GEPA's max merges and max rollouts and carries them into the settings and back", () => {
    const gepa = defaultForm('gepa');
    expect(gepa.gepa).toEqual({ merge: true, maxMerges: 5, maxCandidates: 50 });
    expect(
      formProblems({ ...gepa, gepa: { merge: true, maxMerges: -1, maxCandidates: 50, maxRollouts: 0 } }),
    ).toEqual([
      'Max merges must be a whole number from 0 to 1000.',
      'Max rollouts must be a whole number of at least 1 (leave it empty for no limit).',
    ]);
    expect(
      formProblems({ ...gepa, gepa: { merge: true, maxMerges: Number.NaN, maxCandidates: 2000 } }),
    ).toEqual(['Max merges must be a whole number from 0 to 1000.', 'Max candidates must be at most 1000.']);
    const chosen = { ...gepa, gepa: { merge: true, maxMerges: 2, maxCandidates: 8, maxRollouts: 120 } };
    const settings = resolveSettings(sessionSettingsOf(chosen));
    expect(settings.gepa).toEqual({ merge: true, maxMerges: 2, maxCandidates: 8, maxRollouts: 120 });
    const back = formOfSession({ settings, train: new Array(3).fill(null), val: [] } as never);
    expect(back.gepa).toEqual(chosen.gepa);
    // No rollout budget: none in the settings either (GEPA then stops on its iterations).
    expect(resolveSettings(sessionSettingsOf(gepa)).gepa?.maxRollouts).toBeUndefined();
  });

  it('carries the backward step and the counterfactual check into the settings and back', () => {
    // Defaults: the engine's (weighed, measured by the credit benchmark) and "auto".
    expect(defaultForm('sembp')).toMatchObject({ backwardMode: 'weighed', counterfactual: 'auto' });
    const form = {
      ...defaultForm('gtbp'),
      backwardMode: 'faithful' as const,
      counterfactual: 'off' as const,
    };
    const settings = resolveSettings(sessionSettingsOf(form));
    expect(settings).toMatchObject({ backwardMode: 'faithful', counterfactual: 'off' });
    // What a resumed run's form is read back from.
    const back = formOfSession({ settings, train: new Array(9).fill(null), val: new Array(3).fill(null) });
    expect(back).toMatchObject({ backwardMode: 'faithful', counterfactual: 'off' });
    expect(back).toEqual({ ...form, valFraction: 0.25 });
  });

  it('passes each endpoint on whole: the optimizer keeps its own URL, key, temperature and timeout', () => {
    const forward = withPreset(defaultModelSettings(), 'ollama');
    const optimizer: ModelSettings = {
      ...withPreset(defaultModelSettings(), 'openai'),
      apiKey: 'sk-opt',
      temperature: 0.7,
      timeoutSeconds: 30,
      concurrency: 2,
    };
    expect(providerOf({ forward, optimizer })).toEqual({ forward, optimizer });
    // A simulated forward model no longer forces a simulated optimizer, nor the reverse.
    const mixed = providerOf({ forward: defaultModelSettings(), optimizer });
    expect(mixed.forward.kind).toBe('simulated');
    expect(mixed.optimizer).toMatchObject({
      kind: 'openai-compatible',
      baseUrl: 'https://api.openai.com/v1',
    });
  });
});

describe('semantic backprop protocol in the form', () => {
  it('passes the paper protocol to the session settings, and none by default', () => {
    expect(sessionSettingsOf(defaultForm('sembp')).sembpProtocol).toBeUndefined();
    const settings = resolveSettings(sessionSettingsOf({ ...defaultForm('sembp'), sembpProtocol: 'paper' }));
    expect(settings.sembpProtocol).toBe('paper');
  });
});
