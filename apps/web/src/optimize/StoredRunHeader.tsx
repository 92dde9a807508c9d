/**
 * The head of the Optimize panel while a stored run is shown: which run, how and when it ended,
 * that it is read-only, the iteration whose backward pass is shown, "Apply final prompts" (one
 * undoable step) and the way back to the live run or the new-run form.
 */
import { promptOf } from '@backflow/engine';
import { useMemo } from 'react';
import { useStudio } from '../store/react';
import { useOptimize, useOptimizeDriver } from './context';
import { passIterations } from './optimize-state';
import { BTN } from './RunControls';
import { endingText } from './stored-run';

/** Nothing while the live run is shown. */
export function StoredRunHeader() {
  const driver = useOptimizeDriver();
  const stored = useOptimize((s) => s.stored);
  const message = useOptimize((s) => s.message);
  const iteration = useOptimize((s) => s.iteration);
  const events = useOptimize((s) => s.events);
  const resumable = useOptimize((s) => s.resumable !== null);
  const doc = useStudio((s) => s.doc);
  const passes = useMemo(() => passIterations(events), [events]);
  const toApply = useMemo(() => {
    if (!stored) return 0;
    return doc.nodes.filter(
      (n) =>
        promptOf(n) !== undefined &&
        stored.finalPrompts[n.id] !== undefined &&
        stored.finalPrompts[n.id] !== promptOf(n),
    ).length;
  }, [doc, stored]);
  if (!stored) return null;
  const ending = endingText(stored);
  const endedWord = stored.ending === 'stopped' ? 'last saved' : 'ended';
  return (
    <section
      className="flex flex-col gap-2 rounded border border-violet-300 bg-violet-50 p-2 text-xs dark:border-violet-800 dark:bg-violet-950"
      data-testid="stored-run"
      data-ending={stored.ending}
      aria-label="Stored run"
    >
      <div className="flex items-center gap-2">
        <span className="rounded bg-violet-200 px-1.5 py-0.5 text-[10px] font-semibold uppercase dark:bg-violet-800">
          Stored run
        </span>
        <span className="flex-1 font-medium" data-testid="stored-run-label">
          {stored.label}
        </span>
        <button type="button" className={BTN} onClick={() => driver.closeStored()}>
          {stored.liveRunOpen ? 'Back to the live run' : 'Back to a new run'}
        </button>
      </div>
      <p data-testid="stored-run-ending">
        <strong>{ending.charAt(0).toUpperCase() + ending.slice(1)}</strong>. Started{' '}
        {new Date(stored.startedAt).toLocaleString()}
        {stored.endedAt !== null && `, ${endedWord} ${new Date(stored.endedAt).toLocaleString()}`}. Read-only,
        from this browser's storage: nothing here calls a model or changes the workflow.
      </p>
      {message && <p data-testid="stored-run-message">{message}</p>}
      {stored.ending === 'stopped' && !stored.discarded && (
        <p className="text-slate-600 dark:text-slate-300">
          {resumable
            ? 'It can go on from its last checkpoint: Resume on the banner above the canvas.'
            : stored.liveRunOpen
              ? 'To resume it, first finish or abort the live run, then open it again.'
              : 'It has no checkpoint to go on from.'}
        </p>
      )}
      <div className="flex flex-wrap items-center gap-2">
        {passes.length > 0 && (
          <label className="flex items-center gap-1">
            Backward pass of iteration
            <select
              aria-label="Iteration shown"
              className="rounded border border-slate-300 bg-white px-1 py-0.5 dark:border-slate-700 dark:bg-slate-950"
              value={iteration}
              onChange={(e) => driver.showIteration(Number(e.target.value))}
            >
              {passes.map((i) => (
                <option key={i} value={i}>
                  {i}
                </option>
              ))}
            </select>
          </label>
        )}
        <button
          type="button"
          className={BTN}
          disabled={toApply === 0}
          onClick={() => driver.applyStoredPrompts()}
          title="Writes this run's final prompts into the workflow as one step you can undo."
        >
          Apply final prompts{toApply > 0 ? ` (${toApply} node${toApply === 1 ? '' : 's'})` : ''}
        </button>
        {toApply === 0 && <span className="text-slate-500">The workflow already has these prompts.</span>}
      </div>
    </section>
  );
}
