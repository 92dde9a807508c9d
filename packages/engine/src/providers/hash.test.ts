import { canonicalJson, cyrb53, stableHash } from './hash';

describe('stable hash', () => {
  it('ignores key order and undefined fields', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: undefined, e: [3, { z: 1, y: 2 }] } })).toBe(
      '{"a":{"d":2,"e":[3,{"y":2,"z":1}]},"b":1}',
    );
    expect(stableHash({ a: 1, b: [1, 2] })).toBe(stableHash({ b: [1, 2], a: 1 }));
  });

  it('is a fixed 28-hex-digit value that changes with the content', () => {
    const h = stableHash({ model: 'm', messages: ['hi'] });
    expect(h).toMatch(/^[0-9a-f]{28}$/);
    // Pinned so a change of the hash (which would orphan every persisted cache entry) is noticed.
    expect(stableHash('hello')).toBe('14fa203d9b165a163a8271bd1abe');
    expect(stableHash({ model: 'm', messages: ['hi!'] })).not.toBe(h);
    expect(stableHash([1, 2])).not.toBe(stableHash([2, 1]));
  });

  it('matches the published cyrb53 reference values', () => {
    expect(cyrb53('a')).toBe(7929297801672961);
    expect(cyrb53('b')).toBe(8684336938537663);
    expect(cyrb53('revenge')).toBe(4051478007546757);
    expect(cyrb53('revenue')).toBe(8309097637345594);
  });
});
