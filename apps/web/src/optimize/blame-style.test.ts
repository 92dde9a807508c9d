import { blameBadgeText, parseLook } from './blame-style';
import { backwardLookOf } from './context';
import { initialOptimizeState } from './optimize-state';

describe('the canvas blame badge', () => {
  const state = {
    ...initialOptimizeState(),
    runId: 'r',
    backwardOrder: ['label', 'total', 'extract'],
    blame: {
      total: { blame: 0.75, changed: 2, own: 1, total: 2 },
      extract: { blame: 0, changed: 0, own: 0, total: 2 },
    },
    checks: { total: { checked: ['e1', 'e2'], fixed: ['e2'] } },
  };

  it('prints the engine figure and what the update alone fixed, from the look string', () => {
    const look = parseLook(backwardLookOf(state, 'total'));
    expect(look).toEqual({ rank: 2, current: false, blame: 0.75, check: { fixed: 1, checked: 2 } });
    expect(blameBadgeText(look)).toBe('blame 0.75 · fixes 1/2');
  });

  it('says only the figure without a check, and nothing before the pass computed blame', () => {
    expect(blameBadgeText(parseLook(backwardLookOf(state, 'extract')))).toBe('blame 0.00');
    expect(blameBadgeText(parseLook(backwardLookOf(state, 'label')))).toBeNull();
    expect(blameBadgeText(parseLook(''))).toBeNull();
  });
});
