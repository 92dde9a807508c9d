import { blameEvidence, blameFigure, computeBlame } from './blame';
import { failingBatch, forkAfterRoot } from './test-support/fixtures';
import type { BackwardSignal } from './types';

const signal = (nodeId: string, exampleId: string, asksForChange: boolean, text = 'msg'): BackwardSignal => ({
  kind: 'gradient',
  nodeId,
  exampleId,
  fromNodeId: 'x',
  text,
  asksForChange,
  siblingOutputs: {},
});

describe('blame', () => {
  const batch = failingBatch(forkAfterRoot, 4);

  it('averages the shares of examples asked to change and kept as own (sembp, TextGrad)', () => {
    const signals = [
      signal('a', 'ex1', true),
      signal('a', 'ex1', false),
      signal('a', 'ex2', false),
      signal('a', 'ex3', true, '   '),
      signal('r', 'ex4', true),
      // a passes its change on to r on ex1: the discrepancy there is not a's own.
      { ...signal('r', 'ex1', true), fromNodeId: 'a' },
      { ...signal('b', 'ex1', true), about: 'prompt' as const },
    ];
    for (const algorithm of ['sembp', 'textgrad'] as const) {
      const blame = computeBlame(algorithm, forkAfterRoot, signals, {}, batch);
      expect(blame.a).toEqual({ blame: 0.125, changed: 1, total: 4, own: 0 });
      expect(blame.r).toEqual({ blame: 0.5, changed: 2, total: 4, own: 2 });
      expect(blame.b).toEqual({ blame: 0, changed: 0, total: 4, own: 0 });
      expect(Object.keys(blame).sort()).toEqual(['a', 'b', 'c', 'r']);
    }
  });

  it('counts examples whose target differs from the output (GTBP)', () => {
    const out = (id: string, i: number) => batch[i]!.trace.nodes[id]!.output!;
    const targets = {
      a: { ex1: 'different', ex2: `  ${out('a', 1)} `, ex3: out('a', 2) },
      c: { ex1: 'x', ex2: 'y', ex3: 'z', ex4: 'w' },
    };
    const blame = computeBlame('gtbp', forkAfterRoot, [], targets, batch);
    expect(blame.a).toEqual({ blame: 0.25, changed: 1, total: 4, own: 1 });
    expect(blame.c).toEqual({ blame: 1, changed: 4, total: 4, own: 4 });
    expect(blame.r).toEqual({ blame: 0, changed: 0, total: 4, own: 0 });
  });

  it('is zero on an empty batch', () => {
    expect(computeBlame('gtbp', forkAfterRoot, [], {}, []).a).toEqual({
      blame: 0,
      changed: 0,
      total: 0,
      own: 0,
    });
  });
});

describe('blame evidence', () => {
  const batch = failingBatch(forkAfterRoot, 4);

  it('names the examples behind each count, and the counts are their lengths', () => {
    const signals = [
      signal('a', 'ex1', true),
      signal('a', 'ex2', true),
      signal('r', 'ex2', true),
      // a passes its change on to r on ex1 only: it keeps the discrepancy on ex2.
      { ...signal('r', 'ex1', true), fromNodeId: 'a' },
    ];
    const evidence = blameEvidence('sembp', forkAfterRoot, signals, {}, batch);
    expect(evidence.a).toEqual({ askedOn: ['ex1', 'ex2'], keptOn: ['ex2'], total: 4 });
    expect(evidence.r).toEqual({ askedOn: ['ex1', 'ex2'], keptOn: ['ex1', 'ex2'], total: 4 });
    const blame = computeBlame('sembp', forkAfterRoot, signals, {}, batch);
    for (const [id, e] of Object.entries(evidence)) {
      expect(blame[id]).toEqual({
        blame: blameFigure(e.askedOn.length, e.keptOn.length, e.total),
        changed: e.askedOn.length,
        own: e.keptOn.length,
        total: 4,
      });
    }
  });
});
