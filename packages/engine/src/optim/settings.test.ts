import { ALGORITHM_NAMES } from '../algorithms/registry';
import { defaultSettings, NO_ABLATIONS, resolveSettings, sessionSettingsSchema } from './settings';

describe('settings', () => {
  it('fills defaults per algorithm as each paper used them', () => {
    expect(resolveSettings({ algorithm: 'sembp' })).toMatchObject({
      errorBatchSize: 2,
      gate: { policy: 'strict', scope: 'full', on: 'minibatch' },
    });
    expect(resolveSettings({ algorithm: 'textgrad' })).toMatchObject({
      batchSize: 3,
      iterations: 12,
      gate: { policy: 'nonWorsening', on: 'validation' },
    });
    expect(resolveSettings({ algorithm: 'gtbp' })).toMatchObject({
      gate: { policy: 'none' },
      gtbp: { m0: 3, mPlus: 1, mMinus: 2 },
    });
  });

  it('merges partial nested settings and rejects bad input with a path', () => {
    const s = resolveSettings({ algorithm: 'gtbp', gate: { policy: 'strict' }, gtbp: { m0: 5 } });
    expect(s.gate).toEqual({ ...defaultSettings('gtbp').gate, policy: 'strict' });
    expect(s.gtbp).toEqual({ m0: 5, mPlus: 1, mMinus: 2 });
    expect(() => resolveSettings({ algorithm: 'gtbp', batchSize: 0 })).toThrow(/batchSize/);
    expect(() => resolveSettings({ algorithm: 'adam' })).toThrow();
    expect(() => resolveSettings({ algorithm: 'sembp', colour: 'red' })).toThrow();
  });

  it('has every ablation off by default, takes one switch at a time, and reads old checkpoints', () => {
    expect(resolveSettings({ algorithm: 'textgrad' }).ablations).toEqual(NO_ABLATIONS);
    expect(Object.values(NO_ABLATIONS).every((on) => on === false)).toBe(true);
    const masked = resolveSettings({ algorithm: 'textgrad', ablations: { textgradMaskSiblings: true } });
    expect(masked.ablations.textgradMaskSiblings).toBe(true);
    const { ablations: _none, ...older } = defaultSettings('sembp');
    expect(sessionSettingsSchema.parse(older).ablations).toEqual(NO_ABLATIONS);
    expect(() => resolveSettings({ algorithm: 'sembp', ablations: { noGradients: true } })).toThrow();
  });

  it("composes each algorithm's settings part (its folder's settings.ts) into the stored shape", () => {
    // The values the settings held before the parts moved into the algorithms' folders.
    expect(defaultSettings('sembp')).toEqual({
      algorithm: 'sembp',
      iterations: 4,
      batchSize: 8,
      errorBatchSize: 2,
      seed: 1,
      gate: { policy: 'strict', scope: 'full', on: 'minibatch' },
      sembpGradient: 'target',
      sembpUpdate: 'direct',
      backwardMode: 'weighed',
      gtbp: { m0: 3, mPlus: 1, mMinus: 2 },
      budget: {},
      invertOnlyFailing: true,
      passThreshold: 1,
      earlyStop: true,
      pauseForDecisions: false,
      valFraction: 0,
      ablations: {
        textgradMaskSiblings: false,
        sembpNoSiblings: false,
        gtbpNoReconcile: false,
        gtbpNoBudget: false,
      },
    });
    for (const name of ALGORITHM_NAMES)
      expect(sessionSettingsSchema.parse(defaultSettings(name))).toEqual(defaultSettings(name));
    expect(
      resolveSettings({ algorithm: 'sembp', sembpUpdate: 'critique', sembpProtocol: 'paper' }),
    ).toMatchObject({
      sembpGradient: 'target',
      sembpUpdate: 'critique',
      sembpProtocol: 'paper',
    });
    // GEPA's block is kept for GEPA only, laid over its defaults.
    expect(resolveSettings({ algorithm: 'sembp', gepa: { merge: false } }).gepa).toBeUndefined();
    expect(resolveSettings({ algorithm: 'gepa', gepa: { merge: false } }).gepa).toEqual({
      merge: false,
      maxMerges: 5,
      maxCandidates: 50,
    });
    expect(() => resolveSettings({ algorithm: 'gtbp', gtbp: { m0: -1 } })).toThrow(/m0/);
  });
});
