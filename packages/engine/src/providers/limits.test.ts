import { getEventListeners } from 'node:events';
import { createConcurrencyLimiter, createEndpointLimiters } from './limits';
import { AttemptLink } from './signals';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('concurrency limiter', () => {
  it('grants up to the limit at once and the rest in FIFO order', async () => {
    const limiter = createConcurrencyLimiter(2);
    const order: number[] = [];
    const a = await limiter.acquire();
    const b = await limiter.acquire();
    const waiting = [3, 4, 5].map(async (n) => {
      const release = await limiter.acquire();
      order.push(n);
      return release;
    });
    await tick();
    expect([limiter.active, limiter.waiting]).toEqual([2, 3]);
    b();
    b(); // releasing twice gives back one slot only
    await tick();
    expect(order).toEqual([3]);
    a();
    await tick();
    expect(order).toEqual([3, 4]);
    for (const release of await Promise.all(waiting.slice(0, 2))) release();
    await tick();
    expect(order).toEqual([3, 4, 5]);
    (await waiting[2])?.();
    expect([limiter.active, limiter.waiting]).toEqual([0, 0]);
  });

  it('removes an aborted waiter from the queue and rejects it with the reason', async () => {
    const limiter = createConcurrencyLimiter(1);
    const held = await limiter.acquire();
    const controller = new AbortController();
    const aborted = limiter.acquire(controller.signal);
    const next = limiter.acquire();
    controller.abort(new Error('stop'));
    await expect(aborted).rejects.toThrow('stop');
    expect(limiter.waiting).toBe(1);
    held();
    const release = await next;
    expect(limiter.active).toBe(1);
    release();
    await expect(limiter.acquire(controller.signal)).rejects.toThrow('stop');
  });

  it('gives a freed slot to the highest priority waiting, reading it at that moment', async () => {
    const limiter = createConcurrencyLimiter(1);
    const order: string[] = [];
    let held = await limiter.acquire();
    let promoted = false;
    const waiters = [
      ['ahead-1', () => -1],
      ['plain', undefined],
      ['ahead-2', () => (promoted ? 1 : -2)],
      ['ahead-3', () => -1],
      ['now', () => 0],
    ] as const;
    const granted = waiters.map(async ([name, priority]) => {
      const release = await limiter.acquire(undefined, priority);
      order.push(name);
      return release;
    });
    await tick();
    const nextRelease = async (index: number) => {
      held();
      await tick();
      held = (await granted[index]) as () => void;
    };
    await nextRelease(1); // 'plain' and 'now' are both 0: the earlier one first
    await nextRelease(4);
    promoted = true; // e.g. the unit that owns an early call starts running
    await nextRelease(2);
    await nextRelease(0); // -1 ties: arrival order
    await nextRelease(3);
    held();
    expect(order).toEqual(['plain', 'now', 'ahead-2', 'ahead-1', 'ahead-3']);
    expect([limiter.active, limiter.waiting]).toEqual([0, 0]);
  });

  it('lets a call asked in the same turn take a free slot before work started ahead', async () => {
    const limiter = createConcurrencyLimiter(2);
    const order: string[] = [];
    const ask = (name: string, priority?: () => number) =>
      limiter.acquire(undefined, priority).then((release) => {
        order.push(name);
        return release;
      });
    const update = ask('ahead update', () => -2);
    const sibling = ask('ahead backward', () => -1);
    const own = ask('unit');
    await tick();
    expect(order).toEqual(['unit', 'ahead backward']);
    expect([limiter.active, limiter.waiting]).toEqual([2, 1]);
    (await own)();
    await tick();
    expect(order).toEqual(['unit', 'ahead backward', 'ahead update']);
    (await sibling)();
    (await update)();
    expect([limiter.active, limiter.waiting]).toEqual([0, 0]);
  });

  it('orders calls with and without a priority by arrival when their priorities tie', async () => {
    const limiter = createConcurrencyLimiter(1);
    const hold = await limiter.acquire();
    const order: string[] = [];
    const ask = (name: string, priority?: () => number) =>
      limiter.acquire(undefined, priority).then((release) => {
        order.push(name);
        release();
      });
    // plain, tied (0), plain, higher (1), tied (0): the higher goes first, then arrival order.
    const all = [ask('a'), ask('b', () => 0), ask('c'), ask('d', () => 1), ask('e', () => 0)];
    await tick();
    expect(limiter.waiting).toBe(5);
    hold();
    await Promise.all(all);
    expect(order).toEqual(['d', 'a', 'b', 'c', 'e']);
    expect([limiter.active, limiter.waiting]).toEqual([0, 0]);
  });

  it('skips plain waiters that aborted and keeps FIFO over thousands of queued calls', async () => {
    const limiter = createConcurrencyLimiter(1);
    const hold = await limiter.acquire();
    const order: number[] = [];
    const controllers = Array.from({ length: 3000 }, () => new AbortController());
    const calls = controllers.map((controller, n) =>
      limiter.acquire(controller.signal).then(
        (release) => {
          order.push(n);
          release();
        },
        () => undefined,
      ),
    );
    // Every third call gives up while it waits; the queue is far past its compaction threshold.
    for (let n = 0; n < 3000; n += 3) controllers[n]?.abort();
    expect(limiter.waiting).toBe(2000);
    hold();
    await Promise.all(calls);
    expect(order).toEqual(Array.from({ length: 3000 }, (_, n) => n).filter((n) => n % 3 !== 0));
    expect([limiter.active, limiter.waiting]).toEqual([0, 0]);
  });

  // A run's examples all wait with the run's one signal: one listener on it, not one per waiter.
  it('listens once to a signal that many waiters share, and lets go of it when they are served', async () => {
    const limiter = createConcurrencyLimiter(2);
    const run = new AbortController();
    const served: number[] = [];
    const calls = Array.from({ length: 500 }, (_, n) =>
      limiter.acquire(run.signal).then((release) => {
        served.push(n);
        release();
      }),
    );
    expect(limiter.waiting).toBe(498);
    expect(getEventListeners(run.signal, 'abort')).toHaveLength(1);
    await Promise.all(calls);
    expect(served).toEqual(Array.from({ length: 500 }, (_, n) => n));
    expect(getEventListeners(run.signal, 'abort')).toHaveLength(0);

    // Waiting again with it after the queue emptied: a fresh listener, and abort still reaches all.
    const hold = [await limiter.acquire(), await limiter.acquire()];
    const waiting = Array.from({ length: 100 }, () =>
      limiter.acquire(run.signal).then(
        () => 'served',
        (e: unknown) => (e as Error).name,
      ),
    );
    expect(getEventListeners(run.signal, 'abort')).toHaveLength(1);
    run.abort();
    expect(new Set(await Promise.all(waiting))).toEqual(new Set(['AbortError']));
    expect([limiter.active, limiter.waiting]).toEqual([2, 0]);
    for (const release of hold) release();
    expect(limiter.active).toBe(0);
  });

  // Every attempt of a run follows the run's signal: one listener on it for the links and the
  // waiters of any limiter together, gone when the last lets go, and an abort reaches only the
  // links still held, with the run's reason.
  it('links many attempts and two limiters to one signal through one listener', async () => {
    const run = new AbortController();
    const links = Array.from({ length: 300 }, () => new AttemptLink(run.signal));
    const cancelled: number[] = [];
    links.forEach((link, i) => {
      link.onAbort(() => cancelled.push(i));
    });
    const [a, b] = [createConcurrencyLimiter(1), createConcurrencyLimiter(1)];
    const holds = [await a.acquire(), await b.acquire()];
    const waiting = [a.acquire(run.signal), b.acquire(run.signal)].map((p) =>
      p.then(
        () => 'served',
        (e: unknown) => (e as Error).message,
      ),
    );
    expect(getEventListeners(run.signal, 'abort')).toHaveLength(1);
    for (const link of links.slice(0, 200)) link.release();
    expect(getEventListeners(run.signal, 'abort')).toHaveLength(1);
    // A signal read from a link before the abort follows it too.
    const read = links[299]!.signal;
    run.abort(new Error('stopped by the user'));
    expect(links.map((l) => l.aborted)).toEqual(links.map((_, i) => i >= 200));
    expect(cancelled).toEqual(Array.from({ length: 100 }, (_, i) => 200 + i));
    expect((links[250]!.reason as Error).message).toBe('stopped by the user');
    expect((read.reason as Error).message).toBe('stopped by the user');
    expect(await Promise.all(waiting)).toEqual(['stopped by the user', 'stopped by the user']);
    for (const link of links.slice(200)) link.release();
    for (const release of holds) release();
    expect(getEventListeners(run.signal, 'abort')).toHaveLength(0);

    const calm = new AbortController();
    const held = Array.from({ length: 50 }, () => new AttemptLink(calm.signal));
    for (const link of held) link.release();
    expect(getEventListeners(calm.signal, 'abort')).toHaveLength(0);
    expect(held.some((l) => l.aborted)).toBe(false);
    // A link made on an aborted signal starts aborted, holds nothing, and cancels what it is given.
    const late = new AttemptLink(run.signal);
    let lateCancel = false;
    late.onAbort(() => {
      lateCancel = true;
    });
    expect([late.aborted, lateCancel, late.signal.aborted]).toEqual([true, true, true]);
    expect(getEventListeners(run.signal, 'abort')).toHaveLength(0);
  });

  it('rejects a limit below 1', () => {
    expect(() => createConcurrencyLimiter(0)).toThrow(RangeError);
  });

  it('keeps one limiter per endpoint, ignoring a trailing slash', () => {
    const limiters = createEndpointLimiters(3);
    const a = limiters.forEndpoint('http://127.0.0.1:1234/v1');
    expect(limiters.forEndpoint('http://127.0.0.1:1234/v1/')).toBe(a);
    expect(limiters.forEndpoint('http://127.0.0.1:8000/v1', 1).limit).toBe(1);
    expect(a.limit).toBe(3);
  });
});
