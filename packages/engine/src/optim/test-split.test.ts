import { testSplitSkipped } from './test-split';

describe('testSplitSkipped', () => {
  it('skips the held-out test split only when the budget stopped the run', () => {
    expect(testSplitSkipped('budgetExhausted')).toMatch(/budget/);
    for (const reason of ['completed', 'earlyStop', null, undefined])
      expect(testSplitSkipped(reason)).toBeUndefined();
  });
});
