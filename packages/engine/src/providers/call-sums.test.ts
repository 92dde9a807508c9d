import { describe, expect, it } from 'vitest';
import { createCallRecord } from './accounting';
import { addCallRecord, emptyCallSums, sumCallRecords } from './call-sums';
import type { CallRecord } from './types';

const request = { messages: [{ role: 'user' as const, content: 'q' }] };

/** A record as the provider layer builds it, priced from the default table (gpt-4o-mini). */
function settled(options: {
  usage?: { inputTokens: number; outputTokens: number; cachedInputTokens?: number };
  cached?: boolean;
  error?: string;
}): CallRecord {
  return createCallRecord({
    callId: `c${Math.random()}`,
    request,
    model: 'gpt-4o-mini',
    startedAt: 0,
    latencyMs: 1,
    ...(options.error
      ? { error: { message: options.error, attempts: 3 } }
      : {
          response: {
            text: 'a',
            usage: options.usage ?? { inputTokens: 0, outputTokens: 0 },
            model: 'gpt-4o-mini',
            callId: '',
            ...(options.cached ? { cached: true } : {}),
          },
        }),
  });
}

describe('call sums', () => {
  it('counts every call, tokens of every answer, and the cost of those an endpoint answered', () => {
    const paid = settled({
      usage: { inputTokens: 1_000_000, outputTokens: 100_000, cachedInputTokens: 400_000 },
    });
    const fromCache = settled({ usage: { inputTokens: 2_000, outputTokens: 50 }, cached: true });
    const failed = settled({ error: 'HTTP 500 after 3 attempts' });
    const sums = sumCallRecords([paid, fromCache, failed]);
    expect(sums).toEqual({
      calls: 3,
      cachedCalls: 1,
      failedCalls: 1,
      // The cached answer's tokens were read by the workflow; the failed call has none.
      inputTokens: 1_002_000,
      cachedInputTokens: 400_000,
      outputTokens: 100_050,
      costUsd: paid.costUsd,
    });
    // gpt-4o-mini: 600k uncached at $0.15, 400k prompt-cached at $0.075, 100k out at $0.60 per M.
    expect(sums.costUsd).toBeCloseTo(0.09 + 0.03 + 0.06, 10);
  });

  it('never charges a cached record, even one an older bundle wrote with a cost', () => {
    const old: CallRecord = {
      ...settled({ usage: { inputTokens: 10, outputTokens: 1 }, cached: true }),
      costUsd: 0.5,
    };
    expect(sumCallRecords([old]).costUsd).toBe(0);
  });

  it('gives the same sums one record at a time as all at once, in any order', () => {
    const records = [
      settled({ usage: { inputTokens: 7, outputTokens: 3 } }),
      settled({ error: 'refused' }),
      settled({ usage: { inputTokens: 11, outputTokens: 5, cachedInputTokens: 4 }, cached: true }),
      settled({ usage: { inputTokens: 13, outputTokens: 2, cachedInputTokens: 13 } }),
    ];
    const live = emptyCallSums();
    for (const record of [...records].reverse()) addCallRecord(live, record);
    expect(live).toEqual(sumCallRecords(records));
    expect(sumCallRecords([])).toEqual(emptyCallSums());
  });
});
