/**
 * A Worker's messages to the page (the engine's and the experiments'), posted in batches: what
 * the host emits within one frame (16 ms) goes as one array, in order. A 500-example run against
 * the simulator emitted its results faster than the page could take them one task each: the
 * message tasks starved the renderer (frames of 50-83 ms in bench 5's evaluation grid, though no
 * task was longer than 36 ms), and each message re-rendered the views on its own. As one task per
 * batch, React renders a batch once and the frames stay at 16.7 ms; no message waits more than a
 * frame.
 */

/** How long a message may wait for others to go with it (ms): one frame at 60 Hz. */
export const BATCH_MS = 16;

/**
 * A sender that queues each message and hands `post` the queue once `BATCH_MS` have passed since
 * the first of it. `schedule` is the timer (setTimeout in the Worker; injectable for tests).
 */
export function createMessageBatcher<T>(
  post: (batch: T[]) => void,
  schedule: (flush: () => void, ms: number) => void = (flush, ms) => void setTimeout(flush, ms),
): (message: T) => void {
  let queued: T[] = [];
  const flush = () => {
    const batch = queued;
    queued = [];
    post(batch);
  };
  return (message) => {
    if (queued.length === 0) schedule(flush, BATCH_MS);
    queued.push(message);
  };
}

/** Delivers each message of every batch `worker` posts (its {@link createMessageBatcher}'s), in order. */
export function receiveBatches<T>(worker: Worker, onMessage: (message: T) => void): void {
  worker.addEventListener('message', (e: MessageEvent<T[]>) => {
    for (const message of e.data) onMessage(message);
  });
}
