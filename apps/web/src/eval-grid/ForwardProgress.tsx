/** The forward run's status line: "Running 3 of 20 examples · about 12 s left", then its ending. */
import { useEffect, useState } from 'react';
import { formatEta } from '../optimize/progress';
import { useStudio } from '../store/react';
import { forwardProgress } from './grid-model';

/** Status text and a progress bar while running (N of M and the ETA at the pace so far). */
export function ForwardProgress() {
  const run = useStudio((s) => s.run);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (run.status !== 'running') return;
    // The ETA counts down between finished examples too.
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [run.status]);
  const { done, total, etaMs } = forwardProgress(run, Math.max(now, run.startedAt));
  const text =
    run.status === 'idle'
      ? ''
      : run.status === 'running'
        ? `Running ${done} of ${total} example${total === 1 ? '' : 's'}${etaMs === null ? '' : ` · about ${formatEta(etaMs)} left`}`
        : (run.message ?? run.status);
  return (
    <span className="flex min-w-0 flex-1 flex-col gap-1">
      <span
        className="text-xs text-slate-500"
        data-testid="run-status"
        data-status={run.status}
        data-done={done}
      >
        {text}
      </span>
      {run.status === 'running' && total > 1 && (
        <progress
          className="h-1.5 w-full accent-emerald-600"
          aria-label="Examples finished"
          max={total}
          value={done}
        />
      )}
    </span>
  );
}
