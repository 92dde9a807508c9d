import { withCallRecords } from '../providers/accounting';
import type { CallRecord, ChatModel } from '../providers/types';
import { blendedUsdPerMTok, estimatePreflight, exceededLimit } from './budget';
import { Session } from './session';
import { resolveSettings } from './settings';
import { stepToEnd } from './test-support/replay';
import {
  CHAIN_CORRECT,
  chainExamples,
  chainWorkflow,
  createForwardModel,
  createOptimizerModel,
} from './test-support/world';

// The world's fakes answer as model "fake" with 10 input and 5 output tokens per call: at these
// prices every call costs (10 · 1000 + 5 · 2000) / 1e6 = $0.02.
const prices = { fake: { inputPerMTok: 1000, outputPerMTok: 2000 } };
const CALL_USD = 0.02;

/**
 * The world's models behind the provider layer's call records, priced with the same table;
 * `asReal` presents them as real endpoints (the session does not price the simulator's first unit).
 */
function recordedContext(asReal = false) {
  const records: CallRecord[] = [];
  const recorder = (r: CallRecord) => records.push(r);
  const present = (m: ChatModel): ChatModel =>
    asReal ? { label: m.label, simulated: false, complete: (r) => m.complete(r) } : m;
  const forward = withCallRecords(present(createForwardModel()), { recorder, prices });
  const optimizer = withCallRecords(present(createOptimizerModel({ correct: CHAIN_CORRECT })), {
    recorder,
    prices,
  });
  return { records, ctx: { forwardModel: forward, optimizerModel: optimizer } };
}

const sumCost = (records: CallRecord[]) => records.reduce((s, r) => s + r.costUsd, 0);

function init(budget: { maxCostUsd?: number } = {}, model?: string) {
  const workflow = chainWorkflow({ a: 'Reverse the words.', b: 'Question mark.' });
  if (model) workflow.defaults = { ...workflow.defaults, model };
  return {
    workflow,
    train: chainExamples(6),
    val: chainExamples(3, 'val'),
    settings: { algorithm: 'sembp' as const, batchSize: 4, iterations: 3, budget },
  };
}

describe('cost accounting of a session', () => {
  it('counts the cost of every settled call itself: totals equal the sum of the call records', async () => {
    const { records, ctx } = recordedContext();
    const session = Session.create(ctx, init(), { prices });
    await stepToEnd(session);
    expect(records.length).toBeGreaterThan(10);
    expect(session.state.totals.calls).toBe(records.length);
    expect(session.state.totals.costUsd).toBeCloseTo(sumCost(records), 10);
    expect(session.state.totals.costUsd).toBeCloseTo(records.length * CALL_USD, 10);
  });

  it('a session resumed from its saved state does not count the earlier calls twice', async () => {
    const first = recordedContext();
    const before = Session.create(first.ctx, init(), { prices });
    for (let i = 0; i < 4; i++) await before.step();
    const saved = JSON.parse(JSON.stringify(before.state));
    const second = recordedContext();
    const after = Session.fromState(saved, second.ctx, { prices });
    await stepToEnd(after);
    const all = [...first.records, ...second.records];
    expect(after.state.totals.costUsd).toBeCloseTo(sumCost(all), 10);
  });

  it('--budget-usd: stops before the unit that would exceed the limit, never after', async () => {
    const { records, ctx } = recordedContext();
    const maxCostUsd = 0.5; // 25 calls' worth
    const session = Session.create(ctx, init({ maxCostUsd }), { prices });
    const events = await stepToEnd(session);
    const exhausted = events.find((e) => e.type === 'budgetExhausted');
    if (exhausted?.type !== 'budgetExhausted') throw new Error('expected a budgetExhausted event');
    expect(session.state.stopReason).toBe('budgetExhausted');
    expect(sumCost(records)).toBeLessThanOrEqual(maxCostUsd);
    expect(session.state.totals.costUsd).toBeCloseTo(sumCost(records), 10);
    // The unit it refused would have taken the spend past the limit.
    expect(exhausted.totals.costUsd + exhausted.estimate.costUsd).toBeGreaterThan(maxCostUsd);
    expect(exceededLimit({ maxCostUsd }, exhausted.totals, exhausted.estimate)).toBe('maxCostUsd');
  });

  it('prices the first unit from the table for the workflow model, before any call was made', async () => {
    const { records, ctx } = recordedContext(true);
    // The baseline alone (3 examples · 2 llm nodes at ~1,500 tokens per call) costs more than this.
    const session = Session.create(ctx, init({ maxCostUsd: 0.01 }, 'fake'), { prices });
    const events = await session.step();
    expect(events[0]).toMatchObject({ type: 'budgetExhausted', nextUnit: 'baseline' });
    expect(records).toHaveLength(0);
    // The simulator has no price list: the same limit lets its first unit run.
    const sim = recordedContext();
    const simSession = Session.create(sim.ctx, init({ maxCostUsd: 0.01 }, 'fake'), { prices });
    expect((await simSession.step())[0]).toMatchObject({ type: 'validationScored' });
  });
});

describe('preflight price', () => {
  it('comes from the price table for the configured models unless given', () => {
    const settings = resolveSettings({ algorithm: 'textgrad', iterations: 2 });
    const { workflow } = init({}, 'gpt-4o-mini');
    const estimate = estimatePreflight(settings, workflow, { train: 6, val: 3 });
    // gpt-4o-mini: 0.8 · $0.15 + 0.2 · $0.60 = $0.24 per million tokens.
    expect(blendedUsdPerMTok(['gpt-4o-mini'])).toBeCloseTo(0.24, 10);
    expect(estimate.costUsd).toBeCloseTo((estimate.tokens / 1e6) * 0.24, 10);
    const withOptimizer = estimatePreflight(settings, workflow, { train: 6, val: 3 }, { models: ['gpt-4o'] });
    expect(withOptimizer.costUsd).toBeCloseTo((estimate.tokens / 1e6) * (0.8 * 2.5 + 0.2 * 10), 10);
    const custom = estimatePreflight(settings, workflow, { train: 6, val: 3 }, { prices });
    expect(custom.costUsd).toBe(0); // gpt-4o-mini is not in that table: free, never invented
    const unknown = estimatePreflight(settings, init().workflow, { train: 6, val: 3 });
    expect(unknown.costUsd).toBe(0);
  });
});
