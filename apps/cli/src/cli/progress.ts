import type { CliIo } from './io';

/** Reports how far a long command is, on stderr. */
export interface Progress {
  /** Sets the amount done so far (out of `total`) and an optional note (e.g. "iteration 2"). */
  update(done: number, note?: string): void;
  /** Changes the total when it becomes known or grows. */
  setTotal(total: number): void;
  /** Ends the display (on a TTY, moves past the bar). */
  finish(note?: string): void;
}

/** Formats milliseconds as m:ss (or h:mm:ss). */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** Estimated time left from the average pace so far; undefined until something is done. */
export function estimateRemainingMs(elapsedMs: number, done: number, total: number): number | undefined {
  if (done <= 0 || total <= 0) return undefined;
  return (elapsedMs / done) * Math.max(0, total - done);
}

/**
 * A progress display on stderr. On a terminal it redraws one line: a bar, done/total, percent and
 * ETA. Otherwise (CI logs, pipes) it prints a plain line each time another tenth is done or the
 * note changes, so logs stay short and readable. `quiet` prints nothing.
 */
export function createProgress(io: CliIo, label: string, total: number, quiet = false): Progress {
  const started = io.now();
  let currentTotal = total;
  let lastDecile = -1;
  let lastNote: string | undefined;
  let drawn = false;

  const describe = (done: number, note?: string) => {
    const pct = currentTotal > 0 ? Math.min(100, Math.floor((done / currentTotal) * 100)) : 0;
    const eta = estimateRemainingMs(io.now() - started, done, currentTotal);
    const etaText = eta === undefined ? 'ETA --:--' : `ETA ${formatDuration(eta)}`;
    return {
      pct,
      text: `${done}/${currentTotal} ${String(pct).padStart(3)}% ${etaText}${note ? ` · ${note}` : ''}`,
    };
  };

  return {
    update(done, note) {
      if (quiet) return;
      const { pct, text } = describe(done, note);
      if (io.stderrIsTty) {
        // A steady bar width (not fitted to the text) so the bar does not jump as notes change.
        const width = Math.max(10, Math.min(24, io.columns - label.length - 60));
        const filled = Math.round((pct / 100) * width);
        const line = `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${text}`;
        io.stderr(`\r${line.slice(0, Math.max(20, io.columns - 1))}\x1b[K`);
        drawn = true;
        return;
      }
      const decile = Math.floor(pct / 10);
      if (decile === lastDecile && note === lastNote) return;
      lastDecile = decile;
      lastNote = note;
      io.stderr(`${label}: ${text}\n`);
    },
    setTotal(next) {
      currentTotal = next;
    },
    finish(note) {
      if (quiet) return;
      const elapsed = formatDuration(io.now() - started);
      if (io.stderrIsTty && drawn) io.stderr('\r\x1b[K');
      io.stderr(`${label}: done in ${elapsed}${note ? ` · ${note}` : ''}\n`);
    },
  };
}
