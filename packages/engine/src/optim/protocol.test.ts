import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
// The simulator's public entry, by path: the engine package does not depend on @backflow/sim.
import { createSimulatedModel } from '../../../sim/src/index';
import type { SessionEvent } from '../protocol';
import type { ChatModel } from '../providers/types';
import { estimatePreflight } from './budget';
import { batchSizeOf, forwardIterations, paperProtocol } from './protocol';
import { Session, type SessionInit } from './session';
import { resolveSettings } from './settings';
import { brokenFixtures } from './test-support/fixtures';

const ROOT = join(import.meta.dirname, '..', '..', '..', 'sim', 'fixtures');
const fixture = brokenFixtures(
  ROOT,
  (dir) => readdirSync(dir).filter((name) => !name.startsWith('.')),
  (path) => readFileSync(path, 'utf8'),
).find((f) => f.name.startsWith('diamond'))!;

/** The simulator, with every request's call key noted. */
function recorded(keys: string[]): ChatModel {
  const sim = createSimulatedModel({ seed: 3 });
  return {
    label: sim.label,
    simulated: sim.simulated,
    complete: (request) => {
      keys.push(request.meta?.callKey ?? '');
      return sim.complete(request);
    },
  };
}

async function run(init: SessionInit, keys: string[] = []) {
  const model = recorded(keys);
  const session = Session.create({ forwardModel: model, optimizerModel: model }, init);
  const events: SessionEvent[] = [];
  for (let i = 0; i < 500 && !session.done; i++) events.push(...(await session.step()));
  expect(session.done).toBe(true);
  return { session, events, keys };
}

const settings = {
  algorithm: 'sembp' as const,
  iterations: 3,
  batchSize: 2,
  errorBatchSize: 2,
  earlyStop: false,
  seed: 4,
  gate: { policy: 'strict' as const, on: 'validation' as const },
};

describe('semantic backprop paper protocol', () => {
  it('is a sembp setting only; absent means the minibatch protocol', () => {
    expect(paperProtocol(resolveSettings({ algorithm: 'sembp' }))).toBe(false);
    expect(paperProtocol(resolveSettings({ algorithm: 'sembp', sembpProtocol: 'paper' }))).toBe(true);
    expect(paperProtocol(resolveSettings({ algorithm: 'gtbp', sembpProtocol: 'paper' }))).toBe(false);
    expect(
      batchSizeOf(resolveSettings({ algorithm: 'sembp', sembpProtocol: 'paper', batchSize: 2 }), 9),
    ).toBe(9);
    expect(batchSizeOf(resolveSettings({ algorithm: 'sembp', batchSize: 2 }), 9)).toBe(2);
  });

  it('forwards the whole training split once, gates on it, and reuses the predictions in force', async () => {
    const trainIds = fixture.train.map((e) => e.id);
    const { session, events, keys } = await run({
      workflow: fixture.workflow,
      train: fixture.train,
      val: fixture.val,
      settings: { ...settings, sembpProtocol: 'paper' },
    });
    // Errors are drawn from, and the loss scores, the whole training split every iteration.
    const forwards = events.filter((e) => e.type === 'forwardDone');
    expect(forwards).toHaveLength(3);
    for (const f of forwards) expect(f.type === 'forwardDone' && f.exampleIds).toEqual(trainIds);
    for (const e of events)
      if (e.type === 'lossComputed') expect(e.scores.map((s) => s.exampleId)).toEqual(trainIds);
    // The gate scores the whole training split, not validation (the paper's `score > scores[-1]`).
    const gates = events.filter((e) => e.type === 'gateDecided');
    expect(gates.length).toBeGreaterThan(0);
    for (const g of gates) expect(g.type === 'gateDecided' && g.on).toBe('minibatch');
    // Only the first iteration runs the forward pass: later ones reuse the last predictions.
    expect(keys.some((k) => k.startsWith('it1/fwd'))).toBe(true);
    expect(keys.filter((k) => /^it[23]\/fwd/.test(k))).toEqual([]);
    // The gate's candidate runs over every training example.
    const candidateExamples = new Set(
      keys.filter((k) => k.startsWith('it1/gate/0/candidate')).map((k) => k.split('/').at(-1)),
    );
    expect(candidateExamples.size).toBe(trainIds.length);
    expect(session.state.settings.sembpProtocol).toBe('paper');
  });

  it("reuses the accepted prompts' predictions: the next loss equals the gate's candidate score", async () => {
    const { events } = await run({
      workflow: fixture.workflow,
      train: fixture.train,
      val: fixture.val,
      settings: { ...settings, sembpProtocol: 'paper' },
    });
    let checked = 0;
    for (const gate of events.filter((e) => e.type === 'gateDecided')) {
      if (gate.type !== 'gateDecided' || gate.after === undefined) continue;
      const next = events.find((e) => e.type === 'lossComputed' && e.iteration === gate.iteration + 1);
      if (next?.type !== 'lossComputed') continue;
      expect(next.meanScore).toBeCloseTo(gate.accepted ? gate.after : gate.before!, 10);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('resumes from a JSON checkpoint after any unit to the same result', async () => {
    const init: SessionInit = {
      workflow: fixture.workflow,
      train: fixture.train,
      val: fixture.val,
      settings: { ...settings, sembpProtocol: 'paper' },
    };
    const reference = await run(init);
    const steps = reference.session.state.unitIndex;
    for (let k = 1; k < steps; k += 3) {
      const model = recorded([]);
      const first = Session.create({ forwardModel: model, optimizerModel: model }, init);
      for (let i = 0; i < k; i++) await first.step();
      const second = Session.fromState(JSON.parse(JSON.stringify(first.state)), {
        forwardModel: recorded([]),
        optimizerModel: recorded([]),
      });
      for (let i = 0; i < 500 && !second.done; i++) await second.step();
      expect(second.state.workflow, `after unit ${k}`).toEqual(reference.session.state.workflow);
      expect(second.state.totals.calls, `after unit ${k}`).toBe(reference.session.state.totals.calls);
    }
  });

  it('the preflight counts the whole split, and one forward pass when the gate scores', () => {
    const paper = resolveSettings({ ...settings, sembpProtocol: 'paper' });
    expect(forwardIterations(paper)).toBe(1);
    expect(forwardIterations({ ...paper, gate: { ...paper.gate, policy: 'none' } })).toBe(3);
    const est = estimatePreflight(paper, fixture.workflow, { train: 10, val: 0 });
    const llm = fixture.workflow.nodes.filter((n) => n.kind === 'llm').length;
    expect(est.breakdown.forward).toBe(10 * llm);
    expect(est.breakdown.gate).toBe(3 * 10 * llm);
  });
});
