import type { FrameScheduler } from '../partial-frames';

/** A frame scheduler a test advances by hand, one frame at a time. */
export function manualFrames() {
  let queued: (() => void)[] = [];
  const schedule: FrameScheduler = (callback) => {
    queued.push(callback);
    return () => {
      queued = queued.filter((c) => c !== callback);
    };
  };
  const frame = () => {
    const now = queued;
    queued = [];
    for (const c of now) c();
  };
  return { schedule, frame, queued: () => queued.length };
}
