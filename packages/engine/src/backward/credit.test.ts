import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
// The simulator's credit suites and helpers, by path: the engine package does not depend on @backflow/sim.
import { createSimulatedModel } from '../../../sim/src/index';
import { type CreditCase, creditCases, scoreCredit } from '../../../sim/src/testing';
import { Session } from '../optim/session';
import type { BlameComputedEvent } from '../protocol';

/**
 * Credit and repair on a reduced set of the credit suites (packages/sim/credit-suites, shapes the
 * fixtures lack), with the default (weighed) backward steps, on two seeds: a regression guard for
 * CI. bench/7-credit.bench.ts measures every case over five seeds and both backward modes.
 * - Every single fault of the long chain, the diamond with a skip edge and the fan-in of four: in
 *   iteration 1, GTBP's and semantic backprop's blame singles out the broken node (strictly
 *   highest), and `optimize --iterations 5 --batch-size 8` repairs it (validation 100%).
 * - The double and triple faults of the diamond and the fan-in, semantic backprop (whose strict gate
 *   used to reject a partial fix forever there): every one is repaired within 5 iterations.
 * Counts of calls, never time, bound the work: each run stops at 100% or after 5 iterations.
 */
const ROOT = join(import.meta.dirname, '..', '..', '..', 'sim', 'credit-suites');
const SINGLE_SHAPES = new Set(['chain7-scores', 'diamond-skip-words', 'fanin4-totals']);
const MULTI_SHAPES = new Set(['diamond-skip-words', 'fanin4-totals']);
const SEEDS = [1, 2];
const all = creditCases(
  ROOT,
  (dir) => readdirSync(dir).filter((n) => !n.startsWith('.')),
  (path) => readFileSync(path, 'utf8'),
);
const singles = all.filter((c) => SINGLE_SHAPES.has(c.shape) && c.culprits.length === 1);
const multiples = all.filter((c) => MULTI_SHAPES.has(c.shape) && c.culprits.length > 1);

/** One optimization of `c` with the method's defaults; iteration 1's blame and whether it repaired. */
async function optimize(c: CreditCase, algorithm: 'gtbp' | 'sembp', seed: number) {
  const session = Session.create(
    { forwardModel: createSimulatedModel({ seed }), optimizerModel: createSimulatedModel({ seed }) },
    {
      workflow: c.workflow,
      train: c.train,
      val: c.val,
      settings: { algorithm, iterations: 5, batchSize: 8, seed },
    },
  );
  const events = await session.run();
  const first = events.find((e): e is BlameComputedEvent => e.type === 'blameComputed');
  const blame = Object.fromEntries(Object.entries(first?.blame ?? {}).map(([id, b]) => [id, b.blame]));
  return { blame, repaired: session.state.valScore?.score === 1, iterations: session.state.history.length };
}

describe('credit lands on the broken node and the run repairs it (credit suites, weighed steps)', () => {
  it('has single faults in every chosen shape and multiple faults in the multi-fault shapes', () => {
    expect(new Set(singles.map((c) => c.shape))).toEqual(SINGLE_SHAPES);
    expect(new Set(multiples.map((c) => c.shape))).toEqual(MULTI_SHAPES);
    expect(multiples.some((c) => c.culprits.length === 3)).toBe(true);
  });

  describe.each(SEEDS)('seed %i', (seed) => {
    describe.each(['gtbp', 'sembp'] as const)('%s', (algorithm) => {
      it.each(singles.map((c) => [c.name, c] as const))(
        '%s: the broken node is strictly the most blamed, and the fault is repaired',
        async (_name, c) => {
          const run = await optimize(c, algorithm, seed);
          expect(scoreCredit(run.blame, c.culprits), JSON.stringify(run.blame)).toEqual({
            top1: true,
            allInTopK: true,
          });
          expect(run.repaired).toBe(true);
          expect(run.iterations).toBeLessThanOrEqual(5);
        },
      );
    });

    // GTBP (no gate) repairs them one node per iteration; bench 7 measures both methods.
    it.each(multiples.map((c) => [c.name, c] as const))(
      'sembp, %s: every broken node is repaired',
      async (_name, c) => {
        const run = await optimize(c, 'sembp', seed);
        expect(run.repaired, JSON.stringify(run.blame)).toBe(true);
      },
    );
  });
});
