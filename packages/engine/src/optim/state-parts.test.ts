import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SessionState } from './state';
import { joinSessionState, splitSessionState } from './state-parts';

const stored = () =>
  JSON.parse(
    readFileSync(join(import.meta.dirname, 'fixtures', 'session-v1-gtbp-mid-backward.json'), 'utf8'),
  ) as SessionState;

/** The same state with `n` training examples (copies of the stored ones under new ids). */
function withExamples(n: number): SessionState {
  const state = stored();
  const base = state.train;
  state.train = Array.from({ length: n }, (_, i) => ({ ...base[i % base.length]!, id: `x${i}` }));
  return state;
}

describe('a session checkpoint in two parts', () => {
  it('joins back to the very same state', () => {
    const state = stored();
    const { data, progress } = splitSessionState(state);
    expect(JSON.parse(JSON.stringify(joinSessionState(data, progress)))).toEqual(state);
    expect(progress).not.toHaveProperty('train');
    expect(progress).not.toHaveProperty('initialWorkflow');
  });

  it('writes per unit a part whose size does not grow with the dataset', () => {
    const sizes = [100, 1_000, 10_000].map((n) => {
      const { data, progress } = splitSessionState(withExamples(n));
      return { data: JSON.stringify(data).length, progress: JSON.stringify(progress).length };
    });
    expect(sizes[2]!.data).toBeGreaterThan(50 * sizes[0]!.data);
    expect(new Set(sizes.map((s) => s.progress)).size).toBe(1);
  });

  it('refuses progress written for other data', () => {
    const { progress } = splitSessionState(stored());
    const { data: other } = splitSessionState(withExamples(3));
    expect(() => joinSessionState(other, progress)).toThrow(/belongs to other data/);
  });
});
