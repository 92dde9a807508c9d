import type { CliIo } from './io';
import { createProgress, estimateRemainingMs, formatDuration } from './progress';

function fakeIo(tty: boolean) {
  let now = 0;
  const err: string[] = [];
  const io: CliIo = {
    stdout: () => {},
    stderr: (t) => err.push(t),
    stderrIsTty: tty,
    columns: 100,
    env: {},
    cwd: '/',
    now: () => now,
  };
  return { io, err, advance: (ms: number) => (now += ms) };
}

describe('progress', () => {
  it('formats durations and estimates the time left from the pace so far', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(75_000)).toBe('1:15');
    expect(formatDuration(3_723_000)).toBe('1:02:03');
    expect(estimateRemainingMs(10_000, 0, 10)).toBeUndefined();
    expect(estimateRemainingMs(10_000, 2, 10)).toBe(40_000);
  });

  it('prints plain lines off a terminal, one per tenth done', () => {
    const { io, err, advance } = fakeIo(false);
    const progress = createProgress(io, 'run', 20);
    for (let i = 1; i <= 20; i++) {
      advance(1000);
      progress.update(i);
    }
    progress.finish();
    expect(err.every((l) => l.endsWith('\n') && !l.includes('\r'))).toBe(true);
    expect(err.length).toBe(11 + 1);
    expect(err[0]).toBe('run: 1/20   5% ETA 0:19\n');
    expect(err.at(-1)).toBe('run: done in 0:20\n');
  });

  it('redraws one bar with an ETA on a terminal', () => {
    const { io, err, advance } = fakeIo(true);
    const progress = createProgress(io, 'optimize', 4);
    advance(2000);
    progress.update(1, 'iteration 1');
    const line = err[0] ?? '';
    expect(line.startsWith('\roptimize [')).toBe(true);
    expect(line.endsWith('] 1/4  25% ETA 0:06 · iteration 1\u001b[K')).toBe(true);
    expect(line).toMatch(/\[#+-+\]/);
    progress.finish();
    expect(err.at(-1)).toBe('optimize: done in 0:02\n');
  });
});
