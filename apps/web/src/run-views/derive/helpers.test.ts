import type { CallRecord } from '@backflow/engine';
import { type CallFilter, callFacets, filterCalls } from './call-filter';
import { callIteration } from './calls';
import { COST_AXIS_FLOOR_USD, costRange, curveData } from './curve-data';
import { sideBySide } from './side-by-side';

function call(i: number): CallRecord {
  const purposes = ['forward', 'gradient', 'update', 'target'] as const;
  return {
    callId: `c${i}`,
    purpose: purposes[i % 4] ?? 'forward',
    nodeId: `n${i % 7}`,
    exampleId: `ex${i % 13}`,
    callKey: `it${1 + (i % 3)}/x`,
    model: 'm',
    startedAt: i,
    latencyMs: 1,
    attempts: 1 + (i % 2),
    usage: { inputTokens: 10, outputTokens: 2 },
    costUsd: 0.001,
    cached: false,
    request: { messages: [{ role: 'user', content: `q${i}` }] },
    ...(i % 10 === 0 ? { error: 'HTTP 500' } : { responseText: `a${i}` }),
  };
}

describe('filterCalls', () => {
  const calls = Array.from({ length: 10_000 }, (_, i) => call(i));

  it.each<[CallFilter, (c: CallRecord) => boolean]>([
    [{}, () => true],
    [{ nodeId: 'n3' }, (c) => c.nodeId === 'n3'],
    [{ purpose: 'gradient' }, (c) => c.purpose === 'gradient'],
    [{ outcome: 'error' }, (c) => c.error !== undefined],
    [
      { outcome: 'ok', nodeId: 'n1', purpose: 'update' },
      (c) => !c.error && c.nodeId === 'n1' && c.purpose === 'update',
    ],
  ])('filters 10,000 calls by %o, keeping order', (filter, keep) => {
    const out = filterCalls(calls, filter);
    expect(out).toEqual(calls.filter(keep));
    expect(out.length).toBeGreaterThan(0);
  });

  it('lists the facets', () => {
    const f = callFacets(calls);
    expect(f.nodeIds).toEqual(['n0', 'n1', 'n2', 'n3', 'n4', 'n5', 'n6']);
    expect(f.purposes).toEqual(['forward', 'gradient', 'target', 'update']);
  });
});

describe('callIteration', () => {
  it('reads the session call keys', () => {
    expect(callIteration({ ...call(0), callKey: 'base/val/forward/x' })).toBe(0);
    expect(callIteration({ ...call(0), callKey: 'it12/bwd/n' })).toBe(12);
    const { callKey: _drop, ...noKey } = call(0);
    expect(callIteration(noKey)).toBeUndefined();
  });
});

describe('sideBySide', () => {
  it('pairs a replaced line and keeps unchanged lines facing each other', () => {
    const rows = sideBySide(
      'Extract the numbers.\nAdd them up.',
      'Extract the numbers.\nMultiply them.\nAnswer with only the number.',
    );
    expect(rows).toEqual([
      { kind: 'same', left: 'Extract the numbers.', right: 'Extract the numbers.' },
      { kind: 'changed', left: 'Add them up.', right: 'Multiply them.' },
      { kind: 'added', right: 'Answer with only the number.' },
    ]);
    expect(sideBySide('a', 'a')).toEqual([{ kind: 'same', left: 'a', right: 'a' }]);
    expect(sideBySide('a\nb', 'b')).toEqual([
      { kind: 'removed', left: 'a' },
      { kind: 'same', left: 'b', right: 'b' },
    ]);
  });
});

describe('curveData', () => {
  it('aligns runs on iterations with the baseline at 0 and gaps as null', () => {
    const point = (iteration: number, valScore: number | null) => ({
      iteration,
      trainScore: 0.5,
      valScore,
      accepted: 1,
      rejected: 0,
      failed: 0,
      cumulativeCalls: 10 * iteration,
      cumulativeTokens: 0,
      cumulativeCostUsd: 0.01 * iteration,
    });
    const data = curveData([
      { label: 'A', series: { baselineValScore: 0.25, points: [point(1, 0.5), point(2, 1)] } },
      { label: 'B', series: { baselineValScore: null, points: [point(1, null)] } },
    ]);
    expect(data.iterations).toEqual([0, 1, 2]);
    expect(data.lines.map((l) => l.label)).toEqual([
      'A · train',
      'A · validation',
      'A · cost',
      'B · train',
      'B · validation',
      'B · cost',
    ]);
    expect(data.lines[1]?.values).toEqual([0.25, 0.5, 1]);
    expect(data.lines[4]?.values).toEqual([null, null, null]);
    expect(data.lines[5]?.values).toEqual([0, 0.01, null]);
  });
});

describe('costRange', () => {
  const line = (values: (number | null)[]) => ({ label: 'cost', scale: 'usd' as const, values });
  it('a $0 run gets a cost axis to the floor, not to $100', () => {
    expect(costRange({ iterations: [0, 1, 2], lines: [line([0, 0, 0])] })).toEqual([0, COST_AXIS_FLOOR_USD]);
    expect(costRange({ iterations: [0], lines: [] })).toEqual([0, COST_AXIS_FLOOR_USD]);
  });
  it('otherwise runs a little above the highest cost, from the data', () => {
    const [lo, hi] = costRange({ iterations: [0, 1, 2], lines: [line([0, 0.5, null]), line([0, 2, 3])] });
    expect(lo).toBe(0);
    expect(hi).toBeCloseTo(3.45);
  });
});
