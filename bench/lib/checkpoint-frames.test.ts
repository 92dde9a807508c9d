import { framesDuring } from './checkpoint-frames';

describe('frames during checkpoint writes', () => {
  it('keeps the frame intervals that overlap a write window, and no other', () => {
    // Frames ending at 16, 32, 48, 100 (the last one long); writes over 20-25 and 60-70.
    const frames = [
      { ms: 16, end: 16 },
      { ms: 16, end: 32 },
      { ms: 16, end: 48 },
      { ms: 52, end: 100 },
    ];
    const writes = [
      { store: 'checkpoints', start: 20, end: 25 },
      { store: 'runData', start: 60, end: 70 },
    ];
    expect(framesDuring(frames, writes)).toEqual([16, 52]);
    expect(framesDuring(frames, [])).toEqual([]);
    // A write that ends exactly where a frame starts does not overlap it.
    expect(framesDuring([{ ms: 10, end: 30 }], [{ store: 'checkpoints', start: 5, end: 20 }])).toEqual([]);
  });
});
