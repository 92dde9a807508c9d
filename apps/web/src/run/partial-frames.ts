/**
 * Coalesces streamed partial text per node and hands it on at most once per animation frame: a
 * model streams dozens of chunks a second per node, and writing each one to the store would
 * re-render the canvas node and the inspector for text nobody can read that fast.
 */

/** Schedules one callback for the next frame; returns a function that cancels it. */
export type FrameScheduler = (callback: () => void) => () => void;

/** `requestAnimationFrame` where there is one (pages), else a 16 ms timer (workers, tests). */
export const animationFrames: FrameScheduler = (callback) => {
  if (typeof requestAnimationFrame === 'function') {
    const id = requestAnimationFrame(() => callback());
    return () => cancelAnimationFrame(id);
  }
  // Called unbound: the browser's setTimeout throws "Illegal invocation" when called as a method.
  const timer = setTimeout(callback, 16);
  return () => clearTimeout(timer);
};

/** What {@link createPartialFrames} returns. */
export interface PartialFrames {
  /** The latest text of a node; replaces any text of that node not yet flushed. */
  push(nodeId: string, text: string): void;
  /** Forgets a node's unflushed text (call it when the node settles, so it cannot undo the result). */
  drop(nodeId: string): void;
  /** Cancels the pending frame and forgets everything. */
  cancel(): void;
}

/** Batches partial text; `flush` receives the latest text of every node that changed since the last frame. */
export function createPartialFrames(
  flush: (latest: ReadonlyMap<string, string>) => void,
  schedule: FrameScheduler = animationFrames,
): PartialFrames {
  let pending = new Map<string, string>();
  let cancelFrame: (() => void) | null = null;
  const run = () => {
    cancelFrame = null;
    const batch = pending;
    pending = new Map();
    if (batch.size > 0) flush(batch);
  };
  return {
    push(nodeId, text) {
      pending.set(nodeId, text);
      cancelFrame ??= schedule(run);
    },
    drop(nodeId) {
      pending.delete(nodeId);
    },
    cancel() {
      cancelFrame?.();
      cancelFrame = null;
      pending = new Map();
    },
  };
}
