import { editReasoning } from './gtbp';

describe('GTBP edit reasoning', () => {
  it('never reads "fits 0 of 0 examples": an edit with no example to check rests on the role', () => {
    const edit = { kind: 'remove' as const, at: 0 };
    const none = editReasoning({ edit, from: [], fits: 0, total: 0 });
    expect(none).toBe(
      "Within the budget, the claims should drop a step (the node's role asks for it; no example to check it against).",
    );
    expect(editReasoning({ edit, from: [], fits: 2, total: 3 })).toBe(
      'Within the budget, the claims should drop a step (fits 2 of 3 examples).',
    );
  });
});
