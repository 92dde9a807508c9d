import { estimateCost, estimatePreflight, exceededLimit } from './budget';
import { Session } from './session';
import { resolveSettings } from './settings';
import { callCount, freshModels, stepToEnd } from './test-support/replay';
import { chainExamples, chainWorkflow } from './test-support/world';

const workflow = chainWorkflow({ a: 'Reverse the words.', b: 'Question mark.' });

describe('budget', () => {
  it('stops before the unit that would exceed maxCalls, with a budgetExhausted event, keeping the work done', async () => {
    const { ctx, forward, optimizer } = freshModels();
    const session = Session.create(ctx, {
      workflow,
      train: chainExamples(6),
      val: chainExamples(3, 'val'),
      // Without the counterfactual check (the fakes say they are simulated: "auto" would add calls).
      settings: {
        algorithm: 'sembp',
        batchSize: 4,
        iterations: 4,
        budget: { maxCalls: 30 },
        counterfactual: 'off',
      },
    });
    const events = await stepToEnd(session);
    const exhausted = events.find((e) => e.type === 'budgetExhausted');
    expect(exhausted).toMatchObject({ nextUnit: expect.any(String), budget: { maxCalls: 30 } });
    expect(events.at(-1)).toMatchObject({ type: 'runDone', reason: 'budgetExhausted' });
    expect(session.state.stopReason).toBe('budgetExhausted');
    expect(session.state.totals.calls).toBeLessThanOrEqual(30);
    expect(callCount([forward, optimizer])).toBe(session.state.totals.calls);
    // Baseline 6 + forward 8 + backward 2 + updates 2 + gate 8 = 26; the validation pass (6) would
    // exceed 30, so the session stops there, keeping the repair the gate accepted.
    expect(exhausted).toMatchObject({ nextUnit: 'iterationEnd', totals: { calls: 26 } });
    expect(events.some((e) => e.type === 'gateDecided' && e.accepted)).toBe(true);
    expect(session.state.workflow.nodes.find((n) => n.id === 'b')).toMatchObject({
      systemPrompt: 'Exclaim.',
    });
  });

  it('checks tokens and cost too, pricing a unit at what calls cost so far', () => {
    const totals = { calls: 10, inputTokens: 900, outputTokens: 100, costUsd: 0.5 };
    const next = estimateCost(4, totals);
    expect(next).toEqual({ calls: 4, tokens: 400, costUsd: 0.2 });
    expect(exceededLimit({ maxTokens: 1300 }, totals, next)).toBe('maxTokens');
    expect(exceededLimit({ maxCostUsd: 0.69 }, totals, next)).toBe('maxCostUsd');
    expect(exceededLimit({ maxCalls: 14, maxTokens: 1400, maxCostUsd: 0.7 }, totals, next)).toBeNull();
  });

  it('preflight bounds the calls of a whole run from the formulas', async () => {
    const settings = resolveSettings({
      algorithm: 'textgrad',
      iterations: 3,
      batchSize: 3,
      earlyStop: false,
    });
    const estimate = estimatePreflight(
      settings,
      workflow,
      { train: 6, val: 3 },
      { tokensPerCall: 1000, usdPerMTok: 2 },
    );
    // Per iteration: B·L + b·(N + E + 1) + N + V·L = 6 + 3·4 + 2 + 6; plus a V·L baseline.
    expect(estimate.perIteration).toBe(26);
    expect(estimate.calls).toBe(6 + 3 * 26);
    expect(estimate.breakdown).toMatchObject({
      baseline: 6,
      forward: 18,
      seed: 9,
      backward: 27,
      update: 6,
      gate: 18,
    });
    expect(estimate.tokens).toBe(estimate.calls * 1000);
    expect(estimate.costUsd).toBeCloseTo((estimate.calls * 1000 * 2) / 1e6);

    const { ctx } = freshModels();
    const session = Session.create(ctx, {
      workflow,
      train: chainExamples(6),
      val: chainExamples(3, 'val'),
      settings,
    });
    await stepToEnd(session);
    expect(session.state.totals.calls).toBeLessThanOrEqual(estimate.calls);
  });
});
