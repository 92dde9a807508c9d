import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
// The simulator's public entry, by path: the engine package does not depend on @backflow/sim.
import { createSimulatedModel } from '../../../sim/src/index';
import type { AlgorithmName } from '../algorithms/registry';
import type { SessionEvent } from '../protocol';
import { promptsOf } from './gate';
import { Session, type SessionInit } from './session';
import { brokenFixtures } from './test-support/fixtures';

const ROOT = join(import.meta.dirname, '..', '..', '..', 'sim', 'fixtures');
const fixtures = brokenFixtures(
  ROOT,
  (dir) => readdirSync(dir).filter((name) => !name.startsWith('.')),
  (path) => readFileSync(path, 'utf8'),
);
// A diamond: two branches into one node, so sibling outputs, several predecessors and (for GTBP)
// per-predecessor targets all go through a checkpoint.
const fixture = fixtures.find((f) => f.name.startsWith('diamond')) ?? fixtures[0];

function ctx() {
  // The simulator numbers its call ids per instance: a "new process" starts again from 1.
  return {
    forwardModel: createSimulatedModel({ seed: 3 }),
    optimizerModel: createSimulatedModel({ seed: 3 }),
  };
}

/** Events without call ids and latencies, which depend on the model instance and the clock. */
function comparable(events: SessionEvent[]): unknown {
  const drop = new Set(['callId', 'callIds', 'latencyMs']);
  return JSON.parse(JSON.stringify(events, (key, value) => (drop.has(key) ? undefined : value)));
}

describe.each<AlgorithmName>(['sembp', 'textgrad', 'gtbp', 'gepa'])(
  'resume with the simulator (%s)',
  (algorithm) => {
    it('stopping after any step and continuing from the JSON checkpoint changes nothing', async () => {
      if (!fixture) throw new Error('no simulator fixture found');
      const init: SessionInit = {
        workflow: fixture.workflow,
        train: fixture.train,
        val: fixture.val,
        settings: {
          algorithm,
          // A GEPA iteration that rejects its child or skips a solved minibatch is only a few units.
          iterations: algorithm === 'gepa' ? 4 : 2,
          batchSize: 4,
          errorBatchSize: 2,
          earlyStop: false,
          seed: 5,
        },
      };
      const reference = Session.create(ctx(), init);
      const referenceEvents: SessionEvent[] = [];
      let steps = 0;
      for (; !reference.done; steps++) referenceEvents.push(...(await reference.step()));
      expect(steps).toBeGreaterThan(8);
      expect(referenceEvents.some((e) => e.type === 'updateProposed')).toBe(true);

      for (let k = 1; k < steps; k++) {
        const first = Session.create(ctx(), init);
        const events: SessionEvent[] = [];
        for (let i = 0; i < k; i++) events.push(...(await first.step()));
        const second = Session.fromState(JSON.parse(JSON.stringify(first.state)), ctx());
        while (!second.done) events.push(...(await second.step()));
        expect(promptsOf(second.state.workflow), `after step ${k}`).toEqual(
          promptsOf(reference.state.workflow),
        );
        expect(comparable(events), `after step ${k}`).toEqual(comparable(referenceEvents));
      }
    });
  },
);
