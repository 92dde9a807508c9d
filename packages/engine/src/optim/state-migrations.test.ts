import { readFileSync } from 'node:fs';
import { join } from 'node:path';
// The simulator's public entry, by path: the engine package does not depend on @backflow/sim.
import { createSimulatedModel } from '../../../sim/src/index';
import { Session } from './session';
import type { SessionState } from './state';
import { CheckpointVersionError, migrateSessionState, SESSION_STATE_VERSION } from './state-migrations';

// Written by the main branch of 2026-12-07 (commit 1022c45): a GTBP session on the simulator's
// diamond-words fixture, stopped in iteration 1 between two backward steps. It is stored, never
// regenerated: the point is that a checkpoint written by that build keeps resuming.
const STORED_V1 = join(import.meta.dirname, 'fixtures', 'session-v1-gtbp-mid-backward.json');
const storedV1 = () => JSON.parse(readFileSync(STORED_V1, 'utf8')) as SessionState;

function counted() {
  const model = createSimulatedModel({ seed: 3 });
  let calls = 0;
  const counting = {
    ...model,
    complete: (request: Parameters<typeof model.complete>[0]) => {
      calls++;
      return model.complete(request);
    },
  };
  return { ctx: { forwardModel: counting, optimizerModel: counting }, calls: () => calls };
}

describe('session checkpoints across versions', () => {
  it('resumes a stored version-1 checkpoint to the end of its run', async () => {
    const stored = storedV1();
    expect(stored.version).toBe(1);
    const { ctx, calls } = counted();
    const session = Session.fromState(stored, ctx);
    expect(session.state.version).toBe(SESSION_STATE_VERSION);
    expect(session.state.phase).toEqual({ kind: 'backward', index: 1 });
    let steps = 0;
    while (!session.done && steps < 200) {
      const events = await session.step();
      expect(events.filter((e) => e.type === 'error')).toEqual([]);
      steps++;
    }
    expect(session.done).toBe(true);
    expect(session.state.stopReason).toBe('completed');
    expect(session.state.history.map((h) => h.iteration)).toEqual([1, 2]);
    expect(calls()).toBeGreaterThan(0);
  });

  it('keeps a version-1 run doing what it did: faithful steps, masked TextGrad inputs, no counterfactual check', () => {
    const lifted = migrateSessionState(storedV1());
    expect(lifted.version).toBe(SESSION_STATE_VERSION);
    expect(lifted).not.toHaveProperty('gepa');
    expect(lifted.settings).toMatchObject({ backwardMode: 'faithful', counterfactual: 'off' });
    expect(lifted.settings.ablations).toMatchObject({ textgradMaskSiblings: false });
    const textgrad = { ...storedV1(), settings: { ...storedV1().settings, algorithm: 'textgrad' as const } };
    expect(migrateSessionState(textgrad).settings.ablations).toMatchObject({ textgradMaskSiblings: true });
    // The stored file itself is never changed.
    expect(storedV1().settings).not.toHaveProperty('backwardMode');
  });

  it('refuses a checkpoint from a newer Backflow with a sentence that says so', () => {
    const newer = { ...storedV1(), version: SESSION_STATE_VERSION + 1 };
    expect(() => migrateSessionState(newer)).toThrow(CheckpointVersionError);
    expect(() => migrateSessionState(newer)).toThrow(/newer Backflow .*Update Backflow/);
  });

  it.each([
    ['null', null],
    ['an array', []],
    ['another format', { format: 'backflow.workflow', version: 1 }],
    ['a fractional version', { format: 'backflow.session', version: 1.5 }],
    ['a text version', { format: 'backflow.session', version: '1' }],
  ])('refuses %s without touching it', (_name, raw) => {
    const before = JSON.stringify(raw);
    expect(() => migrateSessionState(raw)).toThrow(CheckpointVersionError);
    expect(JSON.stringify(raw)).toBe(before);
  });
});
