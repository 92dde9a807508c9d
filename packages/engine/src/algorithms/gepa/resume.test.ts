import { Session, type SessionInit } from '../../optim/session';
import { interruptedRun, referenceRun } from '../../optim/test-support/replay';
import { chainExamples, chainWorkflow } from '../../optim/test-support/world';

/** GEPA on the test world: one wrong module (children accepted) or two (children rejected). */
function init(prompts: { a: string; b: string }): SessionInit {
  return {
    workflow: chainWorkflow(prompts),
    train: chainExamples(6),
    val: chainExamples(3, 'val'),
    settings: { algorithm: 'gepa', iterations: 4, batchSize: 2, earlyStop: false, seed: 7 },
  };
}

const ONE_WRONG = { a: 'Reverse the words.', b: 'Exclaim.' };
const TWO_WRONG = { a: 'Reverse the words.', b: 'Question mark.' };
const CASES: [string, { a: string; b: string }][] = [
  ['one wrong module', ONE_WRONG],
  ['two wrong modules', TWO_WRONG],
];

describe.each(CASES)('GEPA resume (%s)', (_name, prompts) => {
  it('serialise -> JSON -> fromState at every step index gives the same events and prompts', async () => {
    const reference = await referenceRun(init(prompts));
    expect(reference.steps).toBeGreaterThan(8);
    expect(reference.events.at(-1)).toMatchObject({ type: 'runDone', reason: 'completed' });
    expect(reference.events.some((e) => e.type === 'gepaSelected')).toBe(true);
    for (let k = 0; k <= reference.steps; k++) {
      const resumed = await interruptedRun(init(prompts), k);
      expect(resumed.prompts, `interrupted after step ${k}`).toEqual(reference.prompts);
      expect(resumed.events, `interrupted after step ${k}`).toEqual(reference.events);
    }
  });
});

describe('GEPA acceptance on the test world', () => {
  it('keeps a child that beats its parent on the minibatch and adopts it as the result', async () => {
    const reference = await referenceRun(init(ONE_WRONG));
    const gates = reference.events.filter((e) => e.type === 'gateDecided');
    expect(gates[0]).toMatchObject({ policy: 'strict', on: 'minibatch', nodeIds: ['a'], accepted: true });
    const added = reference.events.filter((e) => e.type === 'gepaCandidate');
    expect(added.map((e) => e.candidate.origin)).toEqual(['seed', 'reflection']);
    expect(added[1]).toMatchObject({ best: 1, frontier: [1], candidate: { parents: [0], valScore: 1 } });
    expect(reference.prompts.a).toBe('Convert to upper case.');
  });

  it('rejects a child that does not beat its parent, walks the modules round-robin, skips a solved minibatch', async () => {
    const reference = await referenceRun(init(TWO_WRONG));
    const gates = reference.events.flatMap((e) => (e.type === 'gateDecided' ? [e] : []));
    // a alone cannot help while b is wrong (rejected); then b, then a on top of the new candidate.
    expect(gates.map((g) => [g.iteration, g.nodeIds, g.before, g.after, g.accepted])).toEqual([
      [1, ['a'], 0, 0, false],
      [2, ['b'], 0, 0.5, true],
      [3, ['a'], 0.5, 1, true],
    ]);
    const selected = reference.events.flatMap((e) => (e.type === 'gepaSelected' ? [e] : []));
    // Round-robin per parent: the seed tries a then b; each new candidate starts again at a.
    expect(selected.map((e) => [e.parents, e.nodeId])).toEqual([
      [[0], 'a'],
      [[0], 'b'],
      [[1], 'a'],
      [[2], 'a'],
    ]);
    const added = reference.events.flatMap((e) => (e.type === 'gepaCandidate' ? [e] : []));
    expect(added.map((e) => [e.candidate.id, e.candidate.parents, e.candidate.valScore, e.best])).toEqual([
      [0, [], 0, 0],
      [1, [0], 0.5, 1],
      [2, [1], 1, 2],
    ]);
    // Iteration 4's minibatch is already solved by its parent: no reflection, no check.
    const last = reference.events.filter((e) => e.iteration === 4).map((e) => e.type);
    expect(last).not.toContain('updateProposed');
    expect(last).toContain('iterationDone');
  });

  it('refuses a workflow with nothing to evolve', () => {
    const frozen = chainWorkflow({ a: 'x', b: 'y' });
    frozen.nodes = frozen.nodes.map((n) => (n.kind === 'llm' ? { ...n, trainable: false } : n));
    expect(() => Session.create({} as never, { ...init({ a: 'x', b: 'y' }), workflow: frozen })).toThrow(
      /trainable llm node/,
    );
  });
});
