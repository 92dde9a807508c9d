/**
 * Play, Pause, Step, Step over node, Run to end of pass, Run to end of iteration and Abort, with keyboard shortcuts, the
 * progress bar with ETAs and the live cost meter.
 */
import { useEffect } from 'react';
import { useOptimize, useOptimizeDriver } from './context';
import type { OptimizeDriver } from './driver';
import { OPEN_STATUSES, STATUS_LABEL } from './optimize-state';
import { formatEta, type RunProgress, runProgress } from './progress';

/** The panel's control button (also the stored-run header's). */
export const BTN =
  'rounded border border-slate-300 px-2 py-1 text-xs font-medium hover:bg-slate-100 disabled:opacity-40 dark:border-slate-700 dark:hover:bg-slate-800';

/**
 * The controls, in the bar's order, and what each key does (listed in the panel). `when`: Pause
 * needs a running unit, Abort any open run, the others an open run that is neither running nor
 * awaiting a decision.
 */
export const RUN_SHORTCUTS: {
  keys: string;
  label: string;
  when: 'idle' | 'busy' | 'open';
  match: (e: KeyboardEvent) => boolean;
  run: (d: OptimizeDriver) => void;
}[] = [
  {
    keys: 'F8',
    label: 'Play',
    when: 'idle',
    match: (e) => e.key === 'F8' && !e.shiftKey,
    run: (d) => d.play(),
  },
  {
    keys: 'Shift+F8',
    label: 'Pause',
    when: 'busy',
    match: (e) => e.key === 'F8' && e.shiftKey,
    run: (d) => d.pause(),
  },
  {
    keys: 'F10',
    label: 'Step',
    when: 'idle',
    match: (e) => e.key === 'F10' && !e.shiftKey && !e.altKey,
    run: (d) => d.step(),
  },
  {
    keys: 'Shift+F10',
    label: 'Step over node',
    when: 'idle',
    match: (e) => e.key === 'F10' && e.shiftKey && !e.altKey,
    run: (d) => d.stepOverNode(),
  },
  {
    keys: 'Alt+F10',
    label: 'Run to end of pass',
    when: 'idle',
    match: (e) => e.key === 'F10' && e.altKey && !e.shiftKey,
    run: (d) => d.runToEndOfPass(),
  },
  {
    keys: 'Alt+Shift+F10',
    label: 'Run to end of iteration',
    when: 'idle',
    match: (e) => e.key === 'F10' && e.altKey && e.shiftKey,
    run: (d) => d.runToEndOfIteration(),
  },
  {
    keys: 'Shift+F12',
    label: 'Abort',
    when: 'open',
    match: (e) => e.key === 'F12' && e.shiftKey,
    run: (d) => d.abort(),
  },
];

/** The control bar of an open run. */
export function RunControls() {
  const driver = useOptimizeDriver();
  const status = useOptimize((s) => s.status);
  // Selectors must return stable values (zustand re-renders on every new object): one string.
  const progress = JSON.parse(useOptimize((s) => JSON.stringify(runProgress(s)))) as RunProgress;
  const totals = useOptimize((s) => s.totals);
  const unitIndex = useOptimize((s) => s.unitIndex);
  const eventCount = useOptimize((s) => s.events.length);
  const cost = useOptimize((s) => s.calls.reduce((sum, c) => sum + (c.costUsd ?? 0), 0));
  // An errored unit can be retried; an aborted run goes on only through Resume.
  const open = OPEN_STATUSES.includes(status) || status === 'error';
  const busy = status === 'running';
  const awaiting = status === 'awaiting';

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const shortcut = RUN_SHORTCUTS.find((s) => s.match(e));
      if (!shortcut) return;
      e.preventDefault();
      shortcut.run(driver);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [driver]);

  return (
    <div className="flex flex-col gap-2" data-testid="run-controls">
      <div className="flex flex-wrap gap-1">
        {RUN_SHORTCUTS.map((s) => (
          <button
            key={s.label}
            type="button"
            className={BTN}
            disabled={!open || (s.when === 'busy' ? !busy : s.when === 'idle' && (busy || awaiting))}
            onClick={() => s.run(driver)}
            title={`${s.label} (${s.keys})`}
          >
            {s.label}
          </button>
        ))}
      </div>
      <div
        className="h-2 overflow-hidden rounded bg-slate-200 dark:bg-slate-800"
        role="progressbar"
        aria-label="Run progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(progress.fraction * 100)}
      >
        <div
          className="h-full bg-sky-500 transition-[width]"
          style={{ width: `${progress.fraction * 100}%` }}
        />
      </div>
      <p
        className="text-[11px] text-slate-500"
        data-testid="run-meter"
        data-status={status}
        data-unit={unitIndex}
        data-events={eventCount}
      >
        <span data-testid="run-status">{STATUS_LABEL[status]}</span> ·{' '}
        {open && status !== 'error'
          ? `ETA iteration ${formatEta(progress.etaIterationMs)} · run ${formatEta(progress.etaRunMs)} · `
          : ''}
        <span data-testid="cost-meter">
          {totals.calls} calls · ${cost.toFixed(4)}
        </span>
      </p>
    </div>
  );
}
