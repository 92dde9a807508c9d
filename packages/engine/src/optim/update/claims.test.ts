import { gtbpEditBudget } from '../../algorithms/gtbp/schedule';
import { applyClaimEdits, joinClaims, splitClaims } from './claims';

describe('claims', () => {
  it('splits a prompt into one claim per sentence and per line', () => {
    const claims = splitClaims('Extract every number. Add them up!\n\nAnswer with only the number');
    expect(claims).toEqual([
      { id: 'c1', text: 'Extract every number.' },
      { id: 'c2', text: 'Add them up!' },
      { id: 'c3', text: 'Answer with only the number' },
    ]);
    expect(joinClaims(claims)).toBe('Extract every number.\nAdd them up!\nAnswer with only the number');
    expect(splitClaims('   ')).toEqual([]);
  });

  it('enforces the budget in code and records every refused edit with its reason', () => {
    const claims = splitClaims('One. Two. Three. Four.');
    const result = applyClaimEdits(
      claims,
      [
        { action: 'replace', claimId: 'c1', text: 'Uno.' },
        { action: 'delete', claimId: 'c2' },
        { action: 'replace', claimId: 'c3', text: 'Tres.' },
        { action: 'replace', claimId: 'c1', text: 'Again.' },
        { action: 'replace', claimId: 'c9', text: 'Nine.' },
        { action: 'add', text: 'Five.', afterClaimId: 'c4' },
        { action: 'add', text: 'Six.' },
      ],
      { maxEdits: 2, mayAdd: true },
    );
    expect(result.changedCount).toBe(2);
    expect(joinClaims(result.claims)).toBe('Uno.\nThree.\nFour.\nFive.');
    expect(result.dropped.map((d) => d.reason)).toEqual([
      'edit budget exhausted (at most 2 claim(s) changed this step)',
      'claim already edited in this step',
      'unknown claim id "c9"',
      'at most one new claim per step',
    ]);
  });

  it('refuses additions the schedule forbids and adds into an empty prompt', () => {
    expect(
      applyClaimEdits([], [{ action: 'add', text: 'Exclaim.' }], { maxEdits: 0, mayAdd: false }).dropped,
    ).toHaveLength(1);
    const added = applyClaimEdits([], [{ action: 'add', text: 'Exclaim.' }], { maxEdits: 0, mayAdd: true });
    expect(joinClaims(added.claims)).toBe('Exclaim.');
  });
});

describe('gtbpEditBudget', () => {
  it('decays n_t by one every m- iterations from m0 and allows one addition every m+ iterations', () => {
    const schedule = { m0: 3, mPlus: 2, mMinus: 2 };
    const maxEdits = [1, 2, 3, 4, 5, 6, 7, 8].map((t) => gtbpEditBudget(schedule, t, null).maxEdits);
    expect(maxEdits).toEqual([3, 3, 2, 2, 1, 1, 0, 0]);
    expect(gtbpEditBudget(schedule, 3, 2).mayAdd).toBe(false);
    expect(gtbpEditBudget(schedule, 4, 2).mayAdd).toBe(true);
    expect(gtbpEditBudget(schedule, 1, null).mayAdd).toBe(true);
  });
});
