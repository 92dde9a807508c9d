import {
  AttemptLink,
  attemptLinkOf,
  fetchOptionsCarrying,
  linkCarriedBy,
  requestForAttempt,
  takesAttemptLinks,
} from './signals';

const request = { messages: [{ role: 'user' as const, content: 'hi' }], temperature: 0 };

describe('an attempt request', () => {
  it('carries the link and no signal to a model that takes links, and a real signal to any other', () => {
    const run = new AbortController();
    const link = new AttemptLink(run.signal);
    const taker = takesAttemptLinks({ label: 'taker' });
    const other = { label: 'other' };

    const forTaker = requestForAttempt(taker, { ...request, signal: run.signal }, link);
    expect(forTaker.signal).toBeUndefined();
    expect(attemptLinkOf(forTaker)).toBe(link);
    expect(forTaker.messages).toBe(request.messages);

    const forOther = requestForAttempt(other, { ...request, signal: run.signal }, link);
    expect(attemptLinkOf(forOther)).toBeUndefined();
    expect(forOther.signal).toBeInstanceOf(AbortSignal);
    expect(forOther.signal).not.toBe(run.signal);
    // A copy made by a wrapper in between is no attempt request: it keeps only what it copied.
    expect(attemptLinkOf({ ...forTaker })).toBeUndefined();

    run.abort(new Error('stopped by the user'));
    expect(link.aborted).toBe(true);
    expect((forOther.signal!.reason as Error).message).toBe('stopped by the user');
    link.release();
  });

  it("rides through a copy of the SDK's fetch options to its fetch init, and nowhere else", () => {
    const link = new AttemptLink();
    // The SDK spreads a request's fetchOptions into the init it builds, beside its own fields.
    const init = { method: 'POST', body: '{}', ...fetchOptionsCarrying(link) } as RequestInit;
    expect(linkCarriedBy(init)).toBe(link);
    expect(linkCarriedBy({ method: 'POST' })).toBeUndefined();
    expect(linkCarriedBy(undefined)).toBeUndefined();
    // Nothing a fetch reads: the key is a symbol, so JSON and string keys never show it.
    expect(Object.keys(fetchOptionsCarrying(link))).toEqual([]);
    expect(JSON.stringify(init)).toBe('{"method":"POST","body":"{}"}');
  });
});

describe('an attempt link', () => {
  it('aborts a link once, by its owner, and passes its reason to a signal read afterwards', () => {
    const link = new AttemptLink();
    const calls: string[] = [];
    link.onAbort(() => calls.push('first'));
    link.abort(new Error('timed out'));
    link.abort(new Error('again'));
    link.onAbort(() => calls.push('late'));
    expect(calls).toEqual(['first', 'late']);
    expect((link.reason as Error).message).toBe('timed out');
    expect((link.signal.reason as Error).message).toBe('timed out');
    expect(new AttemptLink().aborted).toBe(false);
  });
});
