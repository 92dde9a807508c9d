import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
// The simulator's credit suites and helpers, by path: the engine package does not depend on @backflow/sim.
import { createSimulatedModel } from '../../../sim/src/index';
import { creditCases, scoreCredit } from '../../../sim/src/test-support/credit-suites';
import { Session } from '../optim/session';
import type { BlameComputedEvent } from '../protocol';

/**
 * Credit on the credit suites (packages/sim/credit-suites, shapes the fixtures lack): in the first
 * iteration, GTBP's and semantic backprop's blame must single out the broken node. A subset (the
 * single faults of the long chain, the diamond with a skip edge and the fan-in of four) keeps this
 * fast; bench/7-credit.bench.ts measures every case over several seeds and both backward modes.
 */
const ROOT = join(import.meta.dirname, '..', '..', '..', 'sim', 'credit-suites');
const SHAPES = new Set(['chain7-scores', 'diamond-skip-words', 'fanin4-totals']);
const cases = creditCases(
  ROOT,
  (dir) => readdirSync(dir).filter((n) => !n.startsWith('.')),
  (path) => readFileSync(path, 'utf8'),
).filter((c) => SHAPES.has(c.shape) && c.culprits.length === 1);

async function firstBlame(workflow: (typeof cases)[number], algorithm: 'gtbp' | 'sembp', mode: string) {
  const session = Session.create(
    { forwardModel: createSimulatedModel({ seed: 1 }), optimizerModel: createSimulatedModel({ seed: 1 }) },
    {
      workflow: workflow.workflow,
      train: workflow.train,
      val: workflow.val,
      settings: { algorithm, iterations: 1, batchSize: 8, seed: 1, backwardMode: mode as 'weighed' },
    },
  );
  const events = await session.run();
  const blame = events.find((e): e is BlameComputedEvent => e.type === 'blameComputed');
  return Object.fromEntries(Object.entries(blame?.blame ?? {}).map(([id, b]) => [id, b.blame]));
}

describe('credit lands on the broken node (credit suites, weighed backward steps)', () => {
  it('has single-fault cases in every chosen shape', () => {
    expect(new Set(cases.map((c) => c.shape))).toEqual(SHAPES);
  });

  describe.each(cases)('$name', (c) => {
    for (const algorithm of ['gtbp', 'sembp'] as const) {
      it(`${algorithm}: the broken node's blame is strictly the highest`, async () => {
        const blame = await firstBlame(c, algorithm, 'weighed');
        expect(scoreCredit(blame, c.culprits), JSON.stringify(blame)).toEqual({
          top1: true,
          allInTopK: true,
        });
      });
    }
  });
});
