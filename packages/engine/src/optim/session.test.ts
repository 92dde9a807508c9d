import { gtbpUpdate } from '../algorithms/gtbp/update';
import type { Decision, SessionEvent, UpdateDecidedEvent } from '../protocol';
import { promptsOf } from './gate';
import { Session, type SessionInit, type SessionOptions, UNCHANGED_REASON } from './session';
import type { SessionState } from './state';
import { freshModels, normalized } from './test-support/replay';
import {
  CHAIN_CORRECT,
  chainExamples,
  chainWorkflow,
  createForwardModel,
  createOptimizerModel,
  worldContext,
} from './test-support/world';

function setup(
  prompts: { a: string; b: string },
  settings: Parameters<typeof Session.create>[1]['settings'],
) {
  const forward = createForwardModel();
  const optimizer = createOptimizerModel({ correct: CHAIN_CORRECT });
  const session = Session.create(worldContext(forward, optimizer), {
    workflow: chainWorkflow(prompts),
    train: chainExamples(6),
    val: chainExamples(3, 'val'),
    settings,
  });
  return { forward, optimizer, session };
}

describe('Session', () => {
  it('repairs a broken chain with semantic backprop and stops early at 100% validation', async () => {
    const { session } = setup(
      { a: 'Convert to upper case.', b: 'Reverse the words.' },
      { algorithm: 'sembp', batchSize: 4 },
    );
    const events = await session.run();
    const types = events.map((e) => e.type);
    expect(types[0]).toBe('validationScored');
    expect(types).toContain('gateDecided');
    const done = events.at(-1);
    expect(done).toMatchObject({ type: 'runDone', reason: 'earlyStop', valScore: 1 });
    expect(session.state.workflow.nodes.find((n) => n.id === 'b')).toMatchObject({
      systemPrompt: 'Exclaim.',
    });
  });

  it('reports progress after every unit, ending at the true number of units', async () => {
    const { session } = setup(
      { a: 'Reverse the words.', b: 'Question mark.' },
      { algorithm: 'gtbp', iterations: 3 },
    );
    const events = await session.run();
    const progress = events.flatMap((e) => (e.type === 'progress' ? [e] : []));
    expect(progress.map((p) => p.unitIndex)).toEqual(progress.map((_, i) => i));
    for (const p of progress) expect(p.totalUnitsEstimate).toBeGreaterThan(p.unitIndex);
    expect(progress.at(-1)?.totalUnitsEstimate).toBe(session.state.unitIndex);
    expect(session.state.unitIndex).toBe(progress.length);
  });

  it('run() stops when asked to pause and step() continues from there', async () => {
    const { session } = setup({ a: 'Reverse the words.', b: 'Question mark.' }, { algorithm: 'sembp' });
    let units = 0;
    const events = await session.run({
      onEvent: (e) => {
        if (e.type === 'progress') units += 1;
      },
      shouldPause: () => units >= 3,
    });
    expect(events.filter((e) => e.type === 'progress')).toHaveLength(3);
    expect(session.done).toBe(false);
    expect(session.state.phase).toEqual({ kind: 'seed' });
    await session.run();
    expect(session.done).toBe(true);
  });

  it('holds out valFraction of the training examples (seeded) when no validation split is given', () => {
    const { forward, optimizer } = setup({ a: '', b: '' }, { algorithm: 'sembp' });
    const make = (seed: number) =>
      Session.create(worldContext(forward, optimizer), {
        workflow: chainWorkflow({ a: '', b: '' }),
        train: chainExamples(8),
        settings: { algorithm: 'sembp', valFraction: 0.25, seed },
      }).state;
    const a = make(3);
    expect(a.val).toHaveLength(2);
    expect(a.train).toHaveLength(6);
    expect(make(3).val).toEqual(a.val);
    expect([...a.train, ...a.val].map((e) => e.id).sort()).toEqual(
      chainExamples(8)
        .map((e) => e.id)
        .sort(),
    );
    expect(a.phase).toEqual({ kind: 'baseline' });
  });

  it('refuses a second step while one is running, and bad input at creation', async () => {
    const { session, forward, optimizer } = setup(
      { a: 'Reverse the words.', b: 'Question mark.' },
      { algorithm: 'sembp' },
    );
    const first = session.step();
    await expect(session.step()).rejects.toThrow(/already running/);
    await first;
    const ctx = worldContext(forward, optimizer);
    const workflow = chainWorkflow({ a: '', b: '' });
    expect(() => Session.create(ctx, { workflow, train: [], settings: { algorithm: 'sembp' } })).toThrow(
      /at least one training example/,
    );
    expect(() => Session.fromState({ format: 'other' } as never, ctx)).toThrow(/checkpoint/);
    const bad = { ...session.state, settings: { ...session.state.settings, batchSize: -1 } };
    expect(() => Session.fromState(bad, ctx)).toThrow(/batchSize/);
  });
});

describe('step mode: a proposal that changes nothing', () => {
  // The real GTBP operator, except that the listed nodes' proposals keep their current prompt.
  const operators = (unchanged: string[]): SessionOptions => ({
    operators: {
      gtbp: async (ctx, input) => {
        const outcome = await gtbpUpdate(ctx, input);
        if (!outcome.ok || !unchanged.includes(input.node.id)) return outcome;
        return {
          ok: true,
          proposal: { ...outcome.proposal, proposedPrompt: outcome.proposal.currentPrompt },
        };
      },
    },
  });
  const init = (iterations = 1): SessionInit => ({
    workflow: chainWorkflow({ a: 'Reverse the words.', b: 'Question mark.' }),
    train: chainExamples(6),
    val: chainExamples(3, 'val'),
    settings: {
      algorithm: 'gtbp',
      iterations,
      batchSize: 4,
      earlyStop: false,
      pauseForDecisions: true,
      gate: { policy: 'none' },
    },
  });
  const decidedEvents = (events: SessionEvent[]) =>
    events.filter((e): e is UpdateDecidedEvent => e.type === 'updateDecided');

  it('is decided in the unit that proposed it, with the reason, and only the others wait', async () => {
    const session = Session.create(freshModels().ctx, init(), operators(['a']));
    const events = await session.run();
    expect(events.at(-1)).toMatchObject({ type: 'awaitingDecisions', nodeIds: ['b'] });
    expect(session.awaitingDecisions).toEqual(['b']);
    const proposedA = events.findIndex((e) => e.type === 'updateProposed' && e.nodeId === 'a');
    const [decidedA] = decidedEvents(events);
    expect(decidedA).toEqual({
      type: 'updateDecided',
      unitIndex: events[proposedA]?.unitIndex,
      iteration: 1,
      nodeId: 'a',
      decision: { action: 'accept' },
      reason: UNCHANGED_REASON,
    });
    // Right after the proposal, before that unit's progress event.
    expect(events[proposedA + 1]).toBe(decidedA);
    expect(events[proposedA + 2]).toMatchObject({ type: 'progress' });
    expect(session.state.scratch?.decisions).toEqual({ a: { action: 'accept' } });

    session.decide('b', { action: 'accept' });
    const rest = await session.run();
    expect(rest.find((e) => e.type === 'gateDecided')).toMatchObject({ nodeIds: ['b'], accepted: true });
    expect(promptsOf(session.state.workflow)).toEqual({ a: 'Reverse the words.', b: 'Exclaim.' });
  });

  it('when every proposal changes nothing, step mode does not stop for decisions at all', async () => {
    const session = Session.create(freshModels().ctx, init(), operators(['a', 'b']));
    const events = await session.run();
    expect(session.done).toBe(true);
    expect(events.some((e) => e.type === 'awaitingDecisions')).toBe(false);
    expect(decidedEvents(events).map((e) => [e.nodeId, e.reason])).toEqual([
      ['a', UNCHANGED_REASON],
      ['b', UNCHANGED_REASON],
    ]);
    expect(events.find((e) => e.type === 'gateDecided')).toMatchObject({ nodeIds: [], accepted: false });
  });

  it('is decided once (waiting again repeats nothing), and only in step mode', async () => {
    const waiting = Session.create(freshModels().ctx, init(), operators(['a']));
    await waiting.run();
    expect(await waiting.step()).toEqual([
      expect.objectContaining({ type: 'awaitingDecisions', nodeIds: ['b'] }),
    ]);

    const free = Session.create(
      freshModels().ctx,
      { ...init(), settings: { ...init().settings, pauseForDecisions: false } },
      operators(['a']),
    );
    const events = await free.run();
    expect(free.done).toBe(true);
    expect(decidedEvents(events)).toEqual([]);
  });

  it('resume from a checkpoint at any step, including at the decisions phase, gives identical results', async () => {
    // One decider for every run: accept b, reject anything else a person is asked about.
    const decide = (nodeId: string): Decision =>
      nodeId === 'b' ? { action: 'accept' } : { action: 'reject' };
    const drive = async (session: Session, events: SessionEvent[], maxSteps = 10_000) => {
      for (let i = 0; i < maxSteps && !session.done; i++) {
        const step = await session.step();
        events.push(...step);
        for (const e of step)
          if (e.type === 'awaitingDecisions')
            for (const id of e.nodeIds) events.push(session.decide(id, decide(id)));
      }
      return events;
    };
    const reference = Session.create(freshModels().ctx, init(2), operators(['a']));
    const referenceEvents = normalized(await drive(reference, []));
    const referencePrompts = promptsOf(reference.state.workflow);
    const steps = referenceEvents.filter((e) => e.type === 'progress').length;
    // a is made unchanged; in iteration 2 b's real proposal is its current prompt too.
    expect(
      decidedEvents(referenceEvents)
        .filter((e) => e.reason === UNCHANGED_REASON)
        .map((e) => [e.iteration, e.nodeId]),
    ).toEqual([
      [1, 'a'],
      [2, 'a'],
      [2, 'b'],
    ]);

    let atDecisions = 0;
    for (let k = 0; k <= steps; k++) {
      const first = Session.create(freshModels().ctx, init(2), operators(['a']));
      const events: SessionEvent[] = [];
      // Steps one by one WITHOUT deciding, so the checkpoint below can sit in the decisions phase
      // with a person's decision still open.
      for (let i = 0; i < k && !first.done; i++) {
        if (first.awaitingDecisions.length > 0) break;
        events.push(...(await first.step()));
      }
      if (first.state.phase.kind === 'decisions') atDecisions++;
      const saved: SessionState = JSON.parse(JSON.stringify(first.state));
      const resumed = Session.fromState(saved, freshModels().ctx, operators(['a']));
      await drive(resumed, events);
      expect(promptsOf(resumed.state.workflow), `interrupted after step ${k}`).toEqual(referencePrompts);
      expect(normalized(events), `interrupted after step ${k}`).toEqual(referenceEvents);
    }
    expect(atDecisions).toBeGreaterThan(0);
  });
});
