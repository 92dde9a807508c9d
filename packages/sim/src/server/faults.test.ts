import { createFaultPicker, resolveFaults } from './faults';

describe('fault rates', () => {
  it('splits one total rate across the kinds', () => {
    const rates = resolveFaults(0.3);
    const total = rates.rate429 + rates.rate500 + rates.rateHang + rates.rateTruncate + rates.rateMalformed;
    expect(total).toBeCloseTo(0.3, 12);
    expect(rates.rate429).toBeGreaterThan(0);
    expect(rates.rateHang).toBeGreaterThan(0);
    expect(rates.retryAfterSeconds).toBe(1);
  });

  it('rejects rates outside [0, 1] and kinds adding up past 1', () => {
    expect(() => resolveFaults(1.5)).toThrow(RangeError);
    expect(() => resolveFaults({ rate429: 0.6, rate500: 0.6 })).toThrow(/more than 1/);
  });

  it('draws each kind at about its rate, reproducibly from the seed', () => {
    const rates = resolveFaults({ rate429: 0.2, rate500: 0.1 });
    const draw = (seed: number) => {
      const picker = createFaultPicker(rates, 0, 0, seed);
      return Array.from({ length: 4000 }, () => picker.nextFault());
    };
    const faults = draw(5);
    expect(draw(5)).toEqual(faults);
    const share = (kind: string) => faults.filter((f) => f === kind).length / faults.length;
    expect(share('429')).toBeGreaterThan(0.17);
    expect(share('429')).toBeLessThan(0.23);
    expect(share('500')).toBeGreaterThan(0.08);
    expect(share('500')).toBeLessThan(0.12);
    expect(share('hang')).toBe(0);
  });

  it('adds seeded jitter in [0, jitterMs) to the fixed latency', () => {
    const picker = createFaultPicker(resolveFaults(0), 10, 5, 1);
    const delays = Array.from({ length: 200 }, () => picker.nextDelayMs());
    for (const d of delays) {
      expect(d).toBeGreaterThanOrEqual(10);
      expect(d).toBeLessThan(15);
    }
    expect(new Set(delays).size).toBeGreaterThan(100);
  });
});
