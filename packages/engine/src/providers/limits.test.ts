import { createConcurrencyLimiter, createEndpointLimiters, withConcurrencyLimit } from './limits';
import type { ChatModel } from './types';

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

  it('never lets more calls than the limit into the wrapped model', async () => {
    let inside = 0;
    let most = 0;
    const model: ChatModel = {
      label: 'probe',
      simulated: true,
      async complete() {
        inside++;
        most = Math.max(most, inside);
        await tick();
        inside--;
        return { text: 'ok', usage: { inputTokens: 0, outputTokens: 0 }, model: 'probe', callId: '' };
      },
    };
    const limited = withConcurrencyLimit(model, createConcurrencyLimiter(3));
    await Promise.all(Array.from({ length: 20 }, () => limited.complete({ messages: [] })));
    expect(most).toBe(3);
  });
});
