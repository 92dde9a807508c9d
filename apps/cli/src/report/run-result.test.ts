import { cumulativeCounters } from '../optimize/driver';
import { emptyStats } from '../providers/build-models';
import { totalsFrom } from './run-result';

describe('report totals', () => {
  it("carry the input tokens served from the provider's prompt cache, summed across resumes", () => {
    const earlier = {
      ...emptyStats(),
      calls: 2,
      inputTokens: 3000,
      cachedInputTokens: 1024,
      wallMs: 5,
      resumes: 1,
    };
    const here = { ...emptyStats(), calls: 1, inputTokens: 1500, cachedInputTokens: 1152 };
    const totals = totalsFrom(cumulativeCounters(earlier, here, 7), 12);
    expect(totals).toMatchObject({ calls: 3, inputTokens: 4500, cachedInputTokens: 2176, wallMs: 12 });
  });

  it('read a checkpoint written before the field existed as none cached', () => {
    const { cachedInputTokens: _absent, ...old } = { ...emptyStats(), wallMs: 0, resumes: 0 };
    expect(totalsFrom(cumulativeCounters(old, emptyStats(), 0), 0).cachedInputTokens).toBe(0);
  });
});
