import { parseRetryAfter, parseRetryAfterValue } from './retry-after';

describe('Retry-After', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');

  it('reads delta-seconds, fractions and HTTP dates', () => {
    expect(parseRetryAfterValue('2', now)).toBe(2000);
    expect(parseRetryAfterValue('0.5', now)).toBe(500);
    expect(parseRetryAfterValue('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfterValue('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfterValue('soon', now)).toBeUndefined();
  });

  it('prefers retry-after-ms and ignores absent headers', () => {
    expect(parseRetryAfter(new Headers({ 'retry-after-ms': '250', 'retry-after': '3' }), now)).toBe(250);
    expect(parseRetryAfter(new Headers({ 'retry-after': '3' }), now)).toBe(3000);
    expect(parseRetryAfter(new Headers(), now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
