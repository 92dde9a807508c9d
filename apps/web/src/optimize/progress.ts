/** Progress and ETA of a run from the optimize state (main-thread clock per finished unit). */
import type { OptimizeState } from './optimize-state';

export interface RunProgress {
  /** 0..1 of the whole run. */
  fraction: number;
  /** Milliseconds left for the whole run and the current iteration; null before any timing. */
  etaRunMs: number | null;
  etaIterationMs: number | null;
}

/** Units done over the estimated total; ETA from the mean duration of this session's units. */
export function runProgress(s: OptimizeState): RunProgress {
  const total = Math.max(s.totalUnitsEstimate, s.unitIndex, 1);
  const done = s.status === 'done' ? total : s.unitIndex;
  const clock = s.clock;
  const perUnit = clock && clock.unitsDone > 0 ? (clock.lastAt - clock.startedAt) / clock.unitsDone : null;
  const perIteration = s.iterations > 0 ? total / s.iterations : total;
  const iterationEnd = Math.min(total, Math.ceil(Math.max(1, s.iteration) * perIteration));
  return {
    fraction: Math.min(1, done / total),
    etaRunMs: perUnit === null ? null : perUnit * (total - done),
    etaIterationMs: perUnit === null ? null : perUnit * Math.max(0, iterationEnd - done),
  };
}

/** "12 s", "3 min" or "—". */
export function formatEta(ms: number | null): string {
  if (ms === null) return '—';
  const s = Math.round(ms / 1000);
  return s < 90 ? `${s} s` : `${Math.round(s / 60)} min`;
}
