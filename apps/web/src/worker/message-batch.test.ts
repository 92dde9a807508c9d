import { BATCH_MS, createMessageBatcher } from './message-batch';

describe('the engine Worker posts its messages in batches', () => {
  it('sends what comes within one frame as one array, in order, and starts a new batch after', () => {
    const posted: number[][] = [];
    const timers: { flush: () => void; ms: number }[] = [];
    const send = createMessageBatcher<number>(
      (batch) => posted.push(batch),
      (flush, ms) => timers.push({ flush, ms }),
    );
    for (let i = 1; i <= 5; i++) send(i);
    // One timer for the whole batch, a frame long; nothing is posted before it fires.
    expect(timers).toHaveLength(1);
    expect(timers[0]?.ms).toBe(BATCH_MS);
    expect(posted).toEqual([]);
    timers[0]?.flush();
    expect(posted).toEqual([[1, 2, 3, 4, 5]]);
    send(6);
    send(7);
    expect(timers).toHaveLength(2);
    timers[1]?.flush();
    expect(posted).toEqual([
      [1, 2, 3, 4, 5],
      [6, 7],
    ]);
  });

  it('posts with the real timer too, no later than a few frames', async () => {
    const posted: string[][] = [];
    const send = createMessageBatcher<string>((batch) => posted.push(batch));
    send('a');
    send('b');
    for (let i = 0; i < 50 && posted.length === 0; i++) await new Promise((r) => setTimeout(r, BATCH_MS));
    expect(posted).toEqual([['a', 'b']]);
  });
});
