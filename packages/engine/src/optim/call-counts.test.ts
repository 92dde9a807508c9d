import type { AlgorithmName } from '../backward/types';
import { estimatePreflight } from './budget';
import { Session } from './session';
import { freshModels, stepToEnd } from './test-support/replay';
import { chainExamples, chainWorkflow, type FakeModel } from './test-support/world';

// Symbols of the documented formulas for the chain input -> a -> b -> output.
const L = 2; // llm nodes (forward calls per example)
const N = 2; // trainable nodes (update calls)
const N_IN = 1; // nodes with an llm predecessor (b)
const E = 1; // edges between llm nodes (a -> b)
const O = 1; // outputs
const B = 4; // minibatch
const V = 3; // validation examples

function callsOf(models: FakeModel[], prefix: string) {
  return models.flatMap((m) => m.calls).filter((c) => c.callKey?.startsWith(prefix));
}

async function firstIteration(algorithm: AlgorithmName, errorBatchSize: number, extra: object = {}) {
  const { forward, optimizer, ctx } = freshModels();
  // a wrong, b right: every back-propagated example carries a change request to every node, so
  // the formulas (upper bounds in general) are met exactly.
  const workflow = chainWorkflow({ a: 'Reverse the words.', b: 'Exclaim.' });
  // The counterfactual check is off here (it has its own case below): the fakes say they are
  // simulated, and "auto" would turn it on.
  const settings = {
    algorithm,
    batchSize: B,
    errorBatchSize,
    iterations: 1,
    counterfactual: 'off' as const,
    ...extra,
  };
  const session = Session.create(ctx, {
    workflow,
    train: chainExamples(8),
    val: chainExamples(V, 'val'),
    settings,
  });
  const events = await stepToEnd(session);
  const models = [forward, optimizer];
  const preflight = estimatePreflight(
    session.state.settings,
    workflow,
    { train: 8, val: V },
    { simulated: true },
  );
  return {
    events,
    models,
    preflight,
    baseline: callsOf(models, 'base/').length,
    iteration: callsOf(models, 'it1/'),
  };
}

describe('calls per iteration equal the documented formulas', () => {
  it('semantic backprop: B·L forward + b·N_in backward + N updates + B·L gate + V·L validation', async () => {
    const b = 2;
    const run = await firstIteration('sembp', b);
    expect(run.baseline).toBe(V * L);
    const byPurpose = count(run.iteration.map((c) => c.purpose ?? ''));
    expect(byPurpose).toEqual({ forward: B * L + B * L + V * L, gradient: b * N_IN, update: N });
    expect(run.iteration.length).toBe(run.preflight.perIteration);
    // One joint backward call per node-with-predecessors per example.
    expect(count(run.iteration.filter((c) => c.purpose === 'gradient').map((c) => c.nodeId ?? ''))).toEqual({
      b,
    });
  });

  it('semantic backprop, critique first: 2N update calls', async () => {
    const run = await firstIteration('sembp', 2, { sembpUpdate: 'critique' });
    expect(run.iteration.filter((c) => c.purpose === 'update').length).toBe(2 * N);
    expect(run.iteration.map((c) => c.task).filter((t) => t === 'sembp.critique').length).toBe(N);
    expect(run.iteration.length).toBe(run.preflight.perIteration);
  });

  it('TextGrad: B·L forward + b·(N + E + 1) backward + N updates + V·L gate on validation', async () => {
    const b = 3;
    const run = await firstIteration('textgrad', b);
    const byPurpose = count(run.iteration.map((c) => c.purpose ?? ''));
    expect(byPurpose).toEqual({ forward: B * L + V * L, gradient: b * (N + E + O), update: N });
    expect(run.iteration.length).toBe(run.preflight.perIteration);
  });

  it('GTBP: B·L forward + b·N_in inversions + N edits, no gate, V·L validation', async () => {
    const b = 4;
    const run = await firstIteration('gtbp', b);
    const byPurpose = count(run.iteration.map((c) => c.purpose ?? ''));
    expect(byPurpose).toEqual({ forward: B * L + V * L, target: b * N_IN, update: N });
    expect(run.iteration.length).toBe(run.preflight.perIteration);
  });

  it('the counterfactual check: b·L_down(v) per checked proposal, within the preflight', async () => {
    const b = 4;
    const run = await firstIteration('gtbp', b, { counterfactual: 'on' });
    const checks = run.events.flatMap((e) =>
      e.type === 'updateProposed' && e.counterfactual ? [{ nodeId: e.nodeId, ...e.counterfactual }] : [],
    );
    expect(checks.length).toBeGreaterThan(0);
    // In the chain a -> b, a's downstream subgraph holds both llm nodes, b's only b.
    const down: Record<string, number> = { a: 2, b: 1 };
    const expected = checks.reduce((sum, c) => sum + c.checked.length * (down[c.nodeId] ?? 0), 0);
    expect(run.iteration.filter((c) => c.callKey?.startsWith('it1/cf/')).length).toBe(expected);
    expect(expected).toBeLessThanOrEqual(run.preflight.breakdown.counterfactual);
    expect(run.preflight.breakdown.counterfactual).toBe(b * (2 + 1));
  });
});

function count(keys: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of keys) out[k] = (out[k] ?? 0) + 1;
  return out;
}
