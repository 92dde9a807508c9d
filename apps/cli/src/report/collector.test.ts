import type { SessionEvent } from '@backflow/engine/protocol.ts';
import { collectEvent, emptyCollector } from './collector';

const base = { unitIndex: 0, iteration: 1 };
const totals = (calls: number, tokens = calls * 10, costUsd = calls / 100) => ({
  calls,
  inputTokens: tokens,
  outputTokens: 0,
  costUsd,
});

describe('report collector', () => {
  it('turns one iteration of session events into an iteration report', () => {
    const state = emptyCollector();
    const events: [SessionEvent, number][] = [
      [{ type: 'validationScored', ...base, iteration: 0, reason: 'baseline', score: 0.25, scores: [] }, 12],
      [
        {
          type: 'blameComputed',
          ...base,
          blame: {
            a: { blame: 0.5, changed: 1, total: 2, own: 1 },
            b: { blame: 0, changed: 0, total: 2, own: 0 },
          },
        },
        20,
      ],
      [
        {
          type: 'updateProposed',
          ...base,
          nodeId: 'a',
          currentPrompt: 'old a',
          proposedPrompt: 'new a',
          templateIds: [],
          callIds: [],
        },
        22,
      ],
      [
        {
          type: 'updateProposed',
          ...base,
          nodeId: 'b',
          currentPrompt: 'old b',
          proposedPrompt: 'new b',
          templateIds: [],
          callIds: [],
        },
        24,
      ],
      [{ type: 'updateFailed', ...base, nodeId: 'c', error: 'no json block', callIds: [] }, 25],
      [
        {
          type: 'gateDecided',
          ...base,
          policy: 'strict',
          scope: 'perNode',
          on: 'minibatch',
          nodeIds: ['a'],
          before: 0.5,
          after: 1,
          accepted: true,
          prompts: { a: 'new a' },
        },
        30,
      ],
      [
        {
          type: 'gateDecided',
          ...base,
          policy: 'strict',
          scope: 'perNode',
          on: 'minibatch',
          nodeIds: ['b'],
          before: 1,
          after: 1,
          accepted: false,
          prompts: { b: 'old b' },
        },
        36,
      ],
      [
        {
          type: 'iterationDone',
          ...base,
          trainScore: 0.5,
          valScore: 0.75,
          acceptedNodes: ['a'],
          prompts: { a: 'new a', b: 'old b' },
          totals: totals(0),
        },
        40,
      ],
    ];
    for (const [event, calls] of events) collectEvent(state, event, totals(calls));
    expect(state.initialValScore).toBe(0.25);
    expect(state.baselineTotals.calls).toBe(12);
    expect(state.iterations).toHaveLength(1);
    const it = state.iterations[0]!;
    expect(it).toMatchObject({
      index: 1,
      trainScore: 0.5,
      valScore: 0.75,
      blame: { a: 0.5, b: 0 },
      calls: 28,
    });
    expect(it.tokens).toBe(280);
    expect(it.costUsd).toBeCloseTo(0.28);
    expect(it.updates.map((u) => [u.nodeId, u.accepted, u.before, u.after])).toEqual([
      ['a', true, 'old a', 'new a'],
      ['b', false, 'old b', 'new b'],
    ]);
    expect(it.updates[0]?.reason).toBe('strict gate on the minibatch: 0.500 -> 1.000');
    expect(it.updates[0]?.diff).toContain('-old a\n+new a');
    expect(it.failedUpdates).toEqual([{ nodeId: 'c', error: 'no json block' }]);
    expect(state.finalValScore).toBe(0.75);
    expect(state.current.updates).toEqual([]);

    collectEvent(
      state,
      {
        type: 'runDone',
        ...base,
        reason: 'earlyStop',
        prompts: { a: 'new a', b: 'old b' },
        totals: totals(40),
      },
      totals(40),
    );
    expect(state.stopReason).toBe('earlyStop');
  });
});
