import { resolveSettings } from '@backflow/engine';
import { CliError } from '../cli/exit-codes';
import { readArms } from '../experiment/setup';
import { readSettings } from './setup';

function usageErrorOf(run: () => unknown): CliError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(CliError);
    return e as CliError;
  }
  throw new Error('expected a usage error');
}

describe('optimize --algorithm gepa flags', () => {
  it('reads the GEPA settings and resolves them over its defaults', () => {
    const input = readSettings({
      algorithm: 'gepa',
      'batch-size': '4',
      merge: 'off',
      'max-candidates': '12',
      'max-rollouts': '300',
    });
    expect(input).toEqual({
      algorithm: 'gepa',
      batchSize: 4,
      gepa: { merge: false, maxCandidates: 12, maxRollouts: 300 },
    });
    const settings = resolveSettings(input);
    expect(settings.gepa).toEqual({ merge: false, maxMerges: 5, maxCandidates: 12, maxRollouts: 300 });
    expect(settings.iterations).toBe(20);
  });

  it('refuses a GEPA flag with another algorithm, and a bad value, as usage errors (exit 2)', () => {
    const other = usageErrorOf(() => readSettings({ algorithm: 'gtbp', 'max-merges': '3' }));
    expect(other.exitCode).toBe(2);
    expect(other.message).toContain('--max-merges is a GEPA setting');
    expect(usageErrorOf(() => readSettings({ algorithm: 'gepa', merge: 'maybe' })).exitCode).toBe(2);
    expect(usageErrorOf(() => readSettings({ algorithm: 'gepa', 'max-candidates': '1' })).exitCode).toBe(2);
  });
});

describe('experiment --arms with gepa', () => {
  it('accepts gepa as an arm beside the backward methods', async () => {
    const arms = await readArms({ arms: 'gtbp,gepa' }, { iterations: 2 }, (f) => f);
    expect(arms).toEqual([
      { name: 'gtbp', settings: { iterations: 2, algorithm: 'gtbp' } },
      { name: 'gepa', settings: { iterations: 2, algorithm: 'gepa' } },
    ]);
  });
});
