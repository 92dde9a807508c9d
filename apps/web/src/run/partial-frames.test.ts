import { createPartialFrames, type FrameScheduler } from './partial-frames';

/** A scheduler the test advances by hand, one frame at a time. */
function manualFrames() {
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

describe('createPartialFrames', () => {
  it('hands on only the latest text of each node, once per frame', () => {
    const frames = manualFrames();
    const flushed: Record<string, string>[] = [];
    const partials = createPartialFrames((m) => flushed.push(Object.fromEntries(m)), frames.schedule);
    partials.push('a', 'H');
    partials.push('a', 'He');
    partials.push('b', 'W');
    expect(frames.queued()).toBe(1);
    frames.frame();
    partials.push('a', 'Hel');
    frames.frame();
    frames.frame(); // nothing new: no flush
    expect(flushed).toEqual([{ a: 'He', b: 'W' }, { a: 'Hel' }]);
  });

  it('drop() forgets a settled node’s unflushed text; cancel() forgets everything', () => {
    const frames = manualFrames();
    const flushed: Record<string, string>[] = [];
    const partials = createPartialFrames((m) => flushed.push(Object.fromEntries(m)), frames.schedule);
    partials.push('a', 'partial');
    partials.push('b', 'other');
    partials.drop('a');
    frames.frame();
    partials.push('b', 'more');
    partials.cancel();
    frames.frame();
    expect(flushed).toEqual([{ b: 'other' }]);
    expect(frames.queued()).toBe(0);
  });
});
