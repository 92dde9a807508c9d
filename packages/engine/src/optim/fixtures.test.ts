import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
// The simulator's public entry, by path: the engine package does not depend on @backflow/sim.
import { createSimulatedModel } from '../../../sim/src/index';
import type { AlgorithmName } from '../backward/types';
import type { BlameComputedEvent, SessionEvent } from '../protocol';
import { Session } from './session';
import { type BrokenFixture, brokenFixtures } from './test-support/fixtures';

const ROOT = join(import.meta.dirname, '..', '..', '..', 'sim', 'fixtures');
const fixtures = brokenFixtures(
  ROOT,
  (dir) => readdirSync(dir).filter((name) => !name.startsWith('.')),
  (path) => readFileSync(path, 'utf8'),
);

interface Outcome {
  events: SessionEvent[];
  session: Session;
  firstBlame: Record<string, number>;
  baseline: number;
  final: number;
}

async function optimize(
  f: BrokenFixture,
  algorithm: AlgorithmName,
  extra: object = {},
  noise = 0,
): Promise<Outcome> {
  const forward = createSimulatedModel({ seed: 1 });
  const optimizer = createSimulatedModel({ seed: 1, optimizerErrorRate: noise });
  const session = Session.create(
    { forwardModel: forward, optimizerModel: optimizer },
    {
      workflow: f.workflow,
      train: f.train,
      val: f.val,
      settings: { algorithm, iterations: 5, seed: 1, ...extra },
    },
  );
  const events = await session.run();
  const blame = events.find((e): e is BlameComputedEvent => e.type === 'blameComputed');
  const firstBlame = Object.fromEntries(Object.entries(blame?.blame ?? {}).map(([id, b]) => [id, b.blame]));
  const vals = events.flatMap((e) => (e.type === 'validationScored' ? [e.score] : []));
  const final = session.state.valScore?.score ?? 0;
  return { events, session, firstBlame, baseline: vals[0] ?? 0, final };
}

function describeRun(f: BrokenFixture, algorithm: string, o: Outcome): string {
  const blame = Object.entries(o.firstBlame)
    .map(([id, b]) => `${id === f.culprit ? '*' : ''}${id}=${b.toFixed(2)}`)
    .join(' ');
  const iters = o.session.state.history.length;
  return `${f.name} ${algorithm}: blame[${blame}] val ${o.baseline.toFixed(2)} -> ${o.final.toFixed(2)} in ${iters} iteration(s), ${o.session.state.totals.calls} calls, ${o.session.state.stopReason}`;
}

/**
 * Fixture runs that miss a property because of the simulator's backward answers (not the session's
 * loop), found by this test and reported to the simulator and backward owners: the culprit's blame
 * tied below a downstream node's, or (chain6-scores/broken-2, semantic backprop) every node
 * downstream of the culprit rewriting itself to absorb the culprit's fault, so the full-update gate
 * rejects the whole candidate set every iteration. `it.fails` keeps each visible: when one starts
 * passing, its test fails until it is removed from this list.
 */
const KNOWN_GAPS = new Set<string>([
  'chain6-keywords/broken-1.workflow.json:gtbp:blame',
  'chain6-scores/broken-2.workflow.json:sembp:repair',
  'two-outputs-review/broken-1.workflow.json:gtbp:blame',
]);

const runs = new Map<string, Promise<Outcome>>();
function optimizeOnce(f: BrokenFixture, algorithm: AlgorithmName): Promise<Outcome> {
  const key = `${f.name}:${algorithm}`;
  let run = runs.get(key);
  if (!run) {
    run = optimize(f, algorithm).then((o) => {
      console.log(describeRun(f, algorithm, o));
      return o;
    });
    runs.set(key, run);
  }
  return run;
}

function check(key: string, name: string, body: () => Promise<void>) {
  (KNOWN_GAPS.has(key) ? it.fails : it)(name, body);
}

describe('optimization on the simulator fixtures', () => {
  it('finds broken fixtures', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(8);
  });

  describe.each(fixtures)('$name', (f) => {
    for (const algorithm of ['gtbp', 'sembp'] as const) {
      check(
        `${f.name}:${algorithm}:blame`,
        `${algorithm}: the culprit's blame is the highest in the first iteration`,
        async () => {
          const o = await optimizeOnce(f, algorithm);
          expect(o.session.done).toBe(true);
          expect(o.firstBlame[f.culprit]).toBe(Math.max(...Object.values(o.firstBlame)));
        },
      );
      check(
        `${f.name}:${algorithm}:repair`,
        `${algorithm}: validation reaches 100% within 5 iterations`,
        async () => {
          const o = await optimizeOnce(f, algorithm);
          expect(o.final).toBe(1);
        },
      );
    }

    it('textgrad runs to completion (figures logged, not asserted)', async () => {
      const o = await optimizeOnce(f, 'textgrad');
      expect(o.session.done).toBe(true);
      expect(o.events.some((e) => e.type === 'error')).toBe(false);
    });

    it.each<[AlgorithmName, object]>([
      ['sembp', {}],
      ['textgrad', {}],
      ['gtbp', { gate: { policy: 'nonWorsening', on: 'validation' } }],
    ])(
      '%s with 20%% optimizer noise and the gate on never ends below its start',
      async (algorithm, extra) => {
        const o = await optimize(f, algorithm, extra, 0.2);
        console.log(`noise 20% ${describeRun(f, algorithm, o)}`);
        expect(o.session.done).toBe(true);
        expect(o.final).toBeGreaterThanOrEqual(o.baseline);
      },
    );
  });
});
