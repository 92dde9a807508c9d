/** The banner offering to resume a run that stopped before its end (tab closed, reload). */
import { useOptimize, useOptimizeDriver } from './context';

/**
 * Shown while a resumable run exists and no run is open, and while an unfinished stored run is
 * shown (then `resumable` is that run, when it can go on).
 */
export function ResumeBanner() {
  const driver = useOptimizeDriver();
  const resumable = useOptimize((s) => s.resumable);
  const runId = useOptimize((s) => s.runId);
  const storedShown = useOptimize((s) => s.stored !== null);
  const aborted = useOptimize((s) => s.status === 'aborted');
  if (!resumable || (runId !== null && !storedShown && !aborted)) return null;
  const { checkpoint } = resumable;
  return (
    <div
      role="alert"
      data-testid="resume-banner"
      className="absolute left-1/2 top-14 z-20 flex max-w-[calc(100%-1.5rem)] -translate-x-1/2 flex-wrap items-center gap-3 rounded-lg border border-sky-300 bg-sky-50 px-3 py-2 text-xs shadow dark:border-sky-800 dark:bg-sky-950"
    >
      <span>
        An optimization run ({checkpoint.state.settings.algorithm}, iteration {checkpoint.state.iteration} of{' '}
        {checkpoint.state.settings.iterations}) stopped before its end.
      </span>
      <button
        type="button"
        className="rounded bg-sky-700 px-2 py-1 font-semibold text-white hover:bg-sky-800"
        onClick={() => void driver.resume()}
      >
        Resume
      </button>
      <button
        type="button"
        className="rounded px-2 py-1 hover:bg-sky-100 dark:hover:bg-sky-900"
        onClick={() => void driver.dismissResume()}
      >
        Discard
      </button>
    </div>
  );
}
