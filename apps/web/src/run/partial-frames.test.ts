import { createPartialFrames } from './partial-frames';
import { manualFrames } from './test-support/manual-frames';

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
