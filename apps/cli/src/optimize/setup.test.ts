import { CliError } from '../cli/exit-codes';
import { readSettings } from './setup';

describe('readSettings --ablate', () => {
  it('turns the named ablation switches on, and none without the flag', () => {
    expect(readSettings({ algorithm: 'textgrad' }).ablations).toBeUndefined();
    expect(readSettings({ algorithm: 'textgrad', ablate: 'textgrad-mask-siblings' }).ablations).toEqual({
      textgradMaskSiblings: true,
    });
  });

  it('refuses an unknown switch with the list of known ones (usage error, exit 2)', () => {
    let error: unknown;
    try {
      readSettings({ algorithm: 'sembp', ablate: 'textgrad-mask-siblings,no-brain' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(2);
    expect((error as Error).message).toContain('"no-brain"');
    expect((error as Error).message).toContain('textgrad-mask-siblings');
  });
});

describe('readSettings --sembp-protocol', () => {
  it("sets semantic backprop's protocol, and leaves it absent (minibatch) without the flag", () => {
    expect(readSettings({ algorithm: 'sembp' }).sembpProtocol).toBeUndefined();
    expect(readSettings({ algorithm: 'sembp', 'sembp-protocol': 'paper' }).sembpProtocol).toBe('paper');
    expect(readSettings({ algorithm: 'sembp', 'sembp-protocol': 'minibatch' }).sembpProtocol).toBe(
      'minibatch',
    );
    expect(() => readSettings({ algorithm: 'sembp', 'sembp-protocol': 'full' })).toThrow(CliError);
  });
});
