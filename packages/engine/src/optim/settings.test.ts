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
});
