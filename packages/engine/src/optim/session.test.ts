import { Session } from './session';
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
