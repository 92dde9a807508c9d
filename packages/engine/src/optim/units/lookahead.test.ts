import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
// The simulator's public entry, by path: the engine package does not depend on @backflow/sim.
import { createSimulatedModel } from '../../../../sim/src/index';
import type { AlgorithmName } from '../../backward/types';
import type { RunContext } from '../../context';
import type { SessionEvent } from '../../protocol';
import type { ChatModel } from '../../providers/types';
import { promptsOf } from '../gate';
import { Session, type SessionInit } from '../session';
import { brokenFixtures } from '../test-support/fixtures';
import { unitsReadyAhead } from './lookahead';

const ROOT = join(import.meta.dirname, '..', '..', '..', '..', 'sim', 'fixtures');
const fixtures = brokenFixtures(
  ROOT,
  (dir) => readdirSync(dir).filter((name) => !name.startsWith('.')),
  (path) => readFileSync(path, 'utf8'),
);
// input -> (sorted, reversed) -> merge -> answer: sibling steps and three independent updates.
const diamond = fixtures.find((f) => f.name.startsWith('diamond-words'));

/** The simulator behind a wrapper that counts the calls it answers and how many overlap. */
function observedContext() {
  const sim = createSimulatedModel({ seed: 3 });
  const seen = { calls: 0, inFlight: 0, maxUpdatesInFlight: 0, updatesInFlight: 0 };
  const model: ChatModel = {
    label: 'observed simulator',
    simulated: true,
    async complete(request) {
      seen.calls += 1;
      const update = request.meta?.purpose === 'update';
      if (update) seen.maxUpdatesInFlight = Math.max(seen.maxUpdatesInFlight, ++seen.updatesInFlight);
      try {
        // One macrotask per answer, so calls started in the same tick are in flight together.
        await new Promise((resolve) => setTimeout(resolve, 0));
        return await sim.complete(request);
      } finally {
        if (update) seen.updatesInFlight -= 1;
      }
    },
  };
  const ctx: RunContext = { forwardModel: model, optimizerModel: model };
  return { ctx, seen };
}

function init(algorithm: AlgorithmName, budget?: { maxCalls: number }): SessionInit {
  if (!diamond) throw new Error('no diamond-words fixture found');
  return {
    workflow: diamond.workflow,
    train: diamond.train,
    val: diamond.val,
    settings: {
      algorithm,
      iterations: 2,
      batchSize: 4,
      errorBatchSize: 2,
      earlyStop: false,
      seed: 5,
      ...(budget ? { budget } : {}),
    },
  };
}

/** Events without call ids and latencies, which depend on call order and the clock. */
function comparable(events: SessionEvent[]): unknown {
  const drop = new Set(['callId', 'callIds', 'latencyMs']);
  return JSON.parse(JSON.stringify(events, (key, value) => (drop.has(key) ? undefined : value)));
}

async function runAll(session: Session): Promise<SessionEvent[]> {
  const events: SessionEvent[] = [];
  while (!session.done) events.push(...(await session.step()));
  return events;
}

describe.each<AlgorithmName>(['gtbp', 'sembp', 'textgrad'])('lookahead (%s)', (algorithm) => {
  it('changes no event, prompt or total, wastes no call, and overlaps the updates', async () => {
    const off = observedContext();
    const on = observedContext();
    const sequential = Session.create(off.ctx, init(algorithm), { lookahead: false });
    const overlapped = Session.create(on.ctx, init(algorithm));
    const offEvents = await runAll(sequential);
    const onEvents = await runAll(overlapped);
    expect(comparable(onEvents)).toEqual(comparable(offEvents));
    expect(promptsOf(overlapped.state.workflow)).toEqual(promptsOf(sequential.state.workflow));
    expect(overlapped.state.totals).toEqual(sequential.state.totals);
    // Every call sent was used by its unit, exactly once.
    expect(on.seen.calls).toBe(off.seen.calls);
    expect(on.seen.calls).toBe(overlapped.state.totals.calls);
    expect(overlapped.lookaheadStats).toEqual({ running: 0, pending: 0, mismatches: 0 });
    expect(onEvents.filter((e) => e.type === 'updateProposed').length).toBeGreaterThan(1);
    expect(off.seen.maxUpdatesInFlight).toBe(1);
    expect(on.seen.maxUpdatesInFlight).toBeGreaterThan(1);
  });
});

describe('lookahead and the budget', () => {
  it('sends no early call the budget would not allow', async () => {
    const reference = observedContext();
    const full = Session.create(reference.ctx, init('sembp'), { lookahead: false });
    await runAll(full);
    // Stop somewhere inside the first iteration's updates.
    for (const maxCalls of [full.state.totals.calls - 1, Math.ceil(full.state.totals.calls / 2)]) {
      const { ctx, seen } = observedContext();
      const session = Session.create(ctx, init('sembp', { maxCalls }));
      const events = await runAll(session);
      expect(events.some((e) => e.type === 'budgetExhausted')).toBe(true);
      expect(seen.calls).toBeLessThanOrEqual(maxCalls);
      expect(seen.calls).toBe(session.state.totals.calls);
    }
  });
});

describe('unitsReadyAhead', () => {
  it('names the later steps whose successors have run and the updates of walked nodes', async () => {
    const { ctx } = observedContext();
    const session = Session.create(ctx, init('sembp'), { lookahead: false });
    const seen: string[][] = [];
    while (!session.done && session.state.phase.kind !== 'gate') {
      const { phase } = session.state;
      if (phase.kind === 'backward' || phase.kind === 'update')
        seen.push(unitsReadyAhead(session.state).map((u) => u.name));
      await session.step();
    }
    const order = session.state.scratch?.backwardOrder ?? [];
    expect(order[0]).toBe('answer');
    expect(order[1]).toBe('merge');
    // Before "merge" has run, nothing upstream of it is final.
    const atMerge = seen[1] ?? [];
    expect(atMerge.filter((n) => n.startsWith('update:') && n !== 'update:merge')).toEqual([]);
    // Once "merge" has run, its update is ready while the walk goes on.
    expect(seen.slice(2).some((names) => names.includes('update:merge'))).toBe(true);
    // In the update phase, every later update is ready.
    const updates = session.state.scratch?.updateNodes ?? [];
    expect(seen.at(-updates.length)).toEqual(updates.slice(1).map((id) => `update:${id}`));
  });
});

describe('answers fetched ahead and checkpoints', () => {
  it('a checkpoint holds them: the resumed session uses them and sends no call twice', async () => {
    const reference = observedContext();
    const full = Session.create(reference.ctx, init('gtbp'));
    const referenceEvents = await runAll(full);
    let resumedWithAhead = 0;
    for (let k = 1; k < full.state.unitIndex; k++) {
      const first = observedContext();
      const session = Session.create(first.ctx, init('gtbp'));
      const events: SessionEvent[] = [];
      for (let i = 0; i < k && !session.done; i++) events.push(...(await session.step()));
      // Let the early runs finish (bounded): their answers are then in the journal, none in flight.
      for (let i = 0; i < 1000 && session.lookaheadStats.running > 0; i++)
        await new Promise((resolve) => setTimeout(resolve, 0));
      const checkpoint = JSON.parse(JSON.stringify(session.state)) as typeof session.state;
      if (Object.values(checkpoint.journal).some((e) => e.ahead)) resumedWithAhead += 1;
      const second = observedContext();
      const resumed = Session.fromState(checkpoint, second.ctx);
      events.push(...(await runAll(resumed)));
      expect(comparable(events), `after step ${k}`).toEqual(comparable(referenceEvents));
      expect(resumed.state.totals, `after step ${k}`).toEqual(full.state.totals);
      expect(first.seen.calls + second.seen.calls, `calls sent, stopped after step ${k}`).toBe(
        reference.seen.calls,
      );
    }
    expect(resumedWithAhead).toBeGreaterThan(0);
  });
});
