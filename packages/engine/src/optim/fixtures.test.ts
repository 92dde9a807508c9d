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
 * loop), with the reason, reported to the simulator and backward owners. Empty now; `it.fails`
 * keeps any future entry visible: when one starts passing, its test fails until it is removed.
 */
const KNOWN_GAPS = new Set<string>([]);

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

/** Per algorithm: fixtures repaired, mean iterations and mean calls (the docs/algorithms.md table). */
async function summary(): Promise<string> {
  const rows = new Map<string, Outcome[]>();
  for (const [key, run] of runs) {
    const algorithm = key.slice(key.lastIndexOf(':') + 1);
    rows.set(algorithm, [...(rows.get(algorithm) ?? []), await run]);
  }
  const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
  return [...rows]
    .map(([algorithm, os]) => {
      const repaired = os.filter((o) => o.final === 1);
      const iterations = mean(repaired.map((o) => o.session.state.history.length)).toFixed(2);
      const calls = mean(os.map((o) => o.session.state.totals.calls)).toFixed(0);
      return `${algorithm}: repaired ${repaired.length}/${os.length}, mean iterations ${iterations}, mean calls ${calls}`;
    })
    .join('\n');
}

describe('optimization on the simulator fixtures', () => {
  afterAll(async () => {
    console.log(`fixture summary (no noise)\n${await summary()}`);
  });

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
          // Strictly: a tie with a node that merely relayed the fault does not single it out.
          const others = Object.entries(o.firstBlame).flatMap(([id, b]) => (id === f.culprit ? [] : [b]));
          expect(o.firstBlame[f.culprit]).toBeGreaterThan(Math.max(...others));
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
