/**
 * The issue's acceptance test: with 20% of the simulator's answers slipping as real models' do,
 * optimization still repairs the fixtures, every reading is counted, and nothing crashes. Figures
 * are logged (docs/benchmarks.md, "Realistic answers").
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type AlgorithmName,
  type AnswerTally,
  type CallRecord,
  createProvider,
  Session,
  tallyAnswers,
} from '@backflow/engine';
import { type BrokenFixture, brokenFixtures } from '@backflow/engine/testing';
import { createSimulatedModel } from '../world/sim-model';
import { withRealisticAnswers } from './realistic-model';

const ROOT = join(import.meta.dirname, '..', '..', 'fixtures');
const fixtures = brokenFixtures(
  ROOT,
  (dir) => readdirSync(dir).filter((name) => !name.startsWith('.')),
  (path) => readFileSync(path, 'utf8'),
);
// One broken variant per fixture keeps the test's cost near the no-noise suite's share per fixture.
const firstPerFixture = fixtures.filter(
  (f, i) => fixtures.findIndex((g) => g.name.split('/')[0] === f.name.split('/')[0]) === i,
);

interface Outcome {
  final: number;
  tally: AnswerTally;
  slippedForward: number;
  failures: number;
}

async function optimizeWithSlips(f: BrokenFixture, algorithm: AlgorithmName): Promise<Outcome> {
  const records: CallRecord[] = [];
  const realistic = withRealisticAnswers(createSimulatedModel({ seed: 1 }), { rate: 0.2, seed: 7 });
  const model = createProvider({
    base: realistic,
    recorder: (r) => records.push(r),
    retry: { maxAttempts: 1 },
  });
  const session = Session.create(
    { forwardModel: model, optimizerModel: model },
    { workflow: f.workflow, train: f.train, val: f.val, settings: { algorithm, iterations: 5, seed: 1 } },
  );
  const events = await session.run();
  expect(session.done).toBe(true);
  expect(events.some((e) => e.type === 'error')).toBe(false);
  return {
    final: session.state.valScore?.score ?? 0,
    tally: tallyAnswers(records),
    slippedForward: records.filter((r) => r.purpose === 'forward' && /<think>/.test(r.responseText ?? ''))
      .length,
    failures: events.reduce(
      (n, e) => n + (e.type === 'backwardNode' ? e.failures.length : 0) + (e.type === 'updateFailed' ? 1 : 0),
      0,
    ),
  };
}

const outcomes: [string, Outcome][] = [];

describe('optimization with 20% realistic answers', () => {
  afterAll(() => {
    for (const algorithm of ['gtbp', 'sembp']) {
      const mine = outcomes.filter(([name]) => name.endsWith(` ${algorithm}`)).map(([, o]) => o);
      const sum = (pick: (t: AnswerTally) => number) => mine.reduce((n, o) => n + pick(o.tally), 0);
      const repaired = mine.filter((o) => o.final === 1).length;
      console.log(
        `realistic answers (rate 0.2) ${algorithm}: fixtures repaired ${repaired}/${mine.length}; answers direct ${sum((t) => t.direct)}, lenient ${sum((t) => t.lenient)}, repaired ${sum((t) => t.repaired)}, failed ${sum((t) => t.failed)}; recorded failures ${mine.reduce((n, o) => n + o.failures, 0)}`,
      );
    }
  });

  for (const algorithm of ['gtbp', 'sembp'] as const) {
    it.each(firstPerFixture.map((f) => [f.name, f] as const))(
      `%s (${algorithm}) is still repaired`,
      async (name, f) => {
        const o = await optimizeWithSlips(f, algorithm);
        outcomes.push([`${name} ${algorithm}`, o]);
        console.log(
          `${name} ${algorithm}: val ${o.final.toFixed(2)}, ${JSON.stringify(o.tally)}, ${o.failures} recorded failures, think in ${o.slippedForward} forward answers`,
        );
        expect(o.final).toBe(1);
      },
    );
  }

  it('counted the slips: some answers were read leniently and some repaired', () => {
    const total = (pick: (t: AnswerTally) => number) => outcomes.reduce((n, [, o]) => n + pick(o.tally), 0);
    expect(outcomes.length).toBe(2 * firstPerFixture.length);
    expect(total((t) => t.lenient)).toBeGreaterThan(0);
    expect(total((t) => t.repaired)).toBeGreaterThan(0);
    // About a fifth of first answers slip, and some slips (prose, ids) still read as asked.
    const first = total((t) => t.direct + t.lenient + t.repaired + t.failed);
    expect(total((t) => t.direct) / first).toBeGreaterThan(0.7);
  });
});
