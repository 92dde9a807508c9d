import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
// The simulator's public entry, by path: the engine package does not depend on @backflow/sim.
import { createSimulatedModel } from '../../../../sim/src/index';
import { Session } from '../../optim/session';
import { brokenFixtures } from '../../optim/test-support/fixtures';
import type { SessionEvent } from '../../protocol';

const ROOT = join(import.meta.dirname, '..', '..', '..', '..', 'sim', 'fixtures');
const fixtures = brokenFixtures(
  ROOT,
  (dir) => readdirSync(dir).filter((name) => !name.startsWith('.')),
  (path) => readFileSync(path, 'utf8'),
);

async function optimize(name: string) {
  const f = fixtures.find((x) => x.name === name);
  if (!f) throw new Error(`no fixture ${name}`);
  const session = Session.create(
    { forwardModel: createSimulatedModel({ seed: 1 }), optimizerModel: createSimulatedModel({ seed: 1 }) },
    {
      workflow: f.workflow,
      train: f.train,
      val: f.val,
      settings: { algorithm: 'gepa', iterations: 12, seed: 1 },
    },
  );
  const events: SessionEvent[] = await session.run();
  return { f, session, events };
}

describe('GEPA on the simulator', () => {
  it.each(fixtures.map((f) => f.name))('repairs %s', async (name) => {
    const { session, events } = await optimize(name);
    const baseline = events.find((e) => e.type === 'validationScored')?.score ?? 0;
    const candidates = events.filter((e) => e.type === 'gepaCandidate');
    console.log(
      `${name} gepa: val ${baseline.toFixed(2)} -> ${session.state.valScore?.score.toFixed(2)}, ${candidates.length} candidates, ${session.state.totals.calls} calls, ${session.state.stopReason}`,
    );
    expect(session.done).toBe(true);
  });
});
