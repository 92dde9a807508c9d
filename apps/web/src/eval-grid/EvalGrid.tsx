/**
 * The evaluation grid of the forward run (in the spirit of promptfoo's results table): one row per
 * example with its input, target, final answer and pass/fail with the loss's feedback; accuracy per
 * split with a 95% Wilson interval; filters for failing rows and rows changed since the previous
 * run; the previous run side by side; CSV/JSON export. Clicking a row puts every node's output for
 * that example on the canvas.
 */
import { memo, useCallback, useEffect, useMemo, useState } from 'react';
import { animationFrames } from '../run/partial-frames';
import { useStudio, useStudioStore } from '../store/react';
import type { ExampleRow } from '../store/run-state';
import { download } from '../ui/download';
import { AccuracySummary } from './AccuracySummary';
import {
  changesSince,
  filterRows,
  type GridFilter,
  gridCsv,
  gridJson,
  type RowChange,
  rowFeedback,
  rowPassed,
} from './grid-model';

const FILTERS: { id: GridFilter; label: string }[] = [
  { id: 'all', label: 'All' },
  { id: 'failing', label: 'Failing' },
  { id: 'changed', label: 'Changed since last run' },
];

/**
 * Rows drawn at first, and added per "Show more": a recipe's test split has 1,000+ examples, and
 * drawing every row while the run fills the table made frames of 200 ms (bench 5).
 */
const PAGE = 200;

/**
 * Rows mounted per frame while more arrive: a run's examples tend to finish together (the engine
 * queues every example's first call before any second one), and mounting 160 rows in one frame
 * made the long frames of bench 5. A row costs the page about 0.6 ms to mount and lay out, so 25
 * a frame still overran it (p95 50-62 ms on a quiet machine) and 8 did too (33-34 ms); 4 (240 rows
 * a second, faster than a real endpoint finishes examples) kept it at 16.8-20.9 ms.
 */
const ROWS_PER_FRAME = 4;

/** The grid's downloads: file extension, type, button label and contents. */
const GRID_FILES = [
  { ext: 'csv', type: 'text/csv', label: 'Grid as CSV', text: gridCsv },
  { ext: 'json', type: 'application/json', label: 'Grid as JSON', text: gridJson },
];

const CHIP = 'rounded-md border px-2 py-0.5 text-[11px] font-medium';
const CHIP_ON = 'border-sky-500 bg-sky-50 text-sky-800 dark:bg-sky-950 dark:text-sky-200';
const CHIP_OFF =
  'border-slate-300 text-slate-600 hover:bg-slate-100 dark:border-slate-600 dark:text-slate-300 dark:hover:bg-slate-800';

/** The grid; nothing until the forward run has a finished example. */
export function EvalGrid() {
  const store = useStudioStore();
  const run = useStudio((s) => s.run);
  const previous = useStudio((s) => s.previousRun);
  const [filter, setFilter] = useState<GridFilter>('all');
  const [sideBySide, setSideBySide] = useState(false);
  const changes = useMemo(() => changesSince(run.rows, previous), [run.rows, previous]);
  const rows = useMemo(() => filterRows(run.rows, filter, changes), [run.rows, filter, changes]);
  const [limit, setLimit] = useState(PAGE);
  const drawn = useDrawnRows(Math.min(limit, rows.length));
  // One callback for every row, so a finished example re-renders its own row only (GridRow is memo).
  const onShow = useCallback((exampleId: string) => store.getState().showExample(exampleId), [store]);
  if (run.rows.length === 0) return null;
  const stem = `${run.workflowId || 'workflow'}-eval`;
  const compare = sideBySide && previous !== null;
  return (
    <section className="flex flex-col gap-2 text-xs" aria-label="Evaluation grid" data-testid="eval-grid">
      <AccuracySummary rows={run.rows} />
      <fieldset className="m-0 flex flex-wrap items-center gap-1 border-0 p-0" aria-label="Filter rows">
        {FILTERS.map((f) => (
          <button
            key={f.id}
            type="button"
            aria-pressed={filter === f.id}
            disabled={f.id === 'changed' && previous === null}
            title={f.id === 'changed' && previous === null ? 'Run again to compare with this run' : undefined}
            className={`${CHIP} ${filter === f.id ? CHIP_ON : CHIP_OFF} disabled:opacity-40`}
            onClick={() => {
              setFilter(f.id);
              setLimit(PAGE);
            }}
          >
            {f.label}
            {f.id === 'failing' ? ` (${run.rows.filter((r) => !rowPassed(r)).length})` : ''}
            {f.id === 'changed' && previous ? ` (${changes.size})` : ''}
          </button>
        ))}
        <label className="ml-auto flex items-center gap-1 text-[11px] text-slate-600 dark:text-slate-300">
          <input
            type="checkbox"
            checked={compare}
            disabled={previous === null}
            onChange={(e) => setSideBySide(e.target.checked)}
          />
          Previous run side by side
        </label>
      </fieldset>
      <table className="w-full table-fixed border-collapse" data-testid="eval-grid-table">
        <thead>
          <tr className="text-left text-[11px] text-slate-500">
            <th className="w-[28%] py-1 font-medium">Input</th>
            <th className="w-[18%] font-medium">Target</th>
            {compare && <th className="font-medium">Previous</th>}
            <th className="font-medium">Answer</th>
            <th className="w-12 text-right font-medium">Result</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, drawn).map((row) => (
            <GridRow
              key={row.exampleId}
              row={row}
              change={changes.get(row.exampleId)}
              compare={compare}
              shown={run.shownExampleId === row.exampleId}
              onShow={onShow}
            />
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <p className="text-slate-500">No row matches this filter.</p>}
      {rows.length > limit && (
        <button
          type="button"
          className={`${CHIP} ${CHIP_OFF} self-start`}
          data-testid="eval-grid-more"
          onClick={() => setLimit((n) => n + PAGE)}
        >
          Show {Math.min(PAGE, rows.length - limit)} more ({limit} of {rows.length} shown)
        </button>
      )}
      <div className="flex gap-2">
        {GRID_FILES.map(({ ext, type, label, text }) => (
          <button
            key={ext}
            type="button"
            className={`${CHIP} ${CHIP_OFF}`}
            onClick={() => download({ name: `${stem}.${ext}`, type, text: text(run.rows, changes) })}
          >
            {label}
          </button>
        ))}
      </div>
    </section>
  );
}

/** How many of `wanted` rows to draw: all at once on mount, then ROWS_PER_FRAME more per frame. */
function useDrawnRows(wanted: number): number {
  const [drawn, setDrawn] = useState(wanted);
  if (drawn > wanted) setDrawn(wanted);
  useEffect(
    () =>
      drawn < wanted
        ? animationFrames(() => setDrawn((n) => Math.min(wanted, n + ROWS_PER_FRAME)))
        : undefined,
    [drawn, wanted],
  );
  return Math.min(drawn, wanted);
}

interface GridRowProps {
  row: ExampleRow;
  change: RowChange | undefined;
  compare: boolean;
  shown: boolean;
  onShow: (exampleId: string) => void;
}

const GridRow = memo(function GridRow(props: GridRowProps) {
  const { row, change, compare, shown } = props;
  const onShow = () => props.onShow(row.exampleId);
  const passed = rowPassed(row);
  const answer = Object.values(row.outputs).join('\n');
  const input = Object.values(row.inputs).join(' · ');
  const feedback = rowFeedback(row);
  return (
    <tr
      data-testid="eval-row"
      data-example={row.exampleId}
      data-passed={passed}
      data-changed={change !== undefined}
      aria-selected={shown}
      tabIndex={0}
      onClick={onShow}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onShow();
        }
      }}
      className={`cursor-pointer border-t border-slate-100 align-top hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-sky-500 dark:border-slate-800 dark:hover:bg-slate-800/60 ${shown ? 'bg-sky-50 dark:bg-sky-950/50' : ''}`}
      title="Show every node's output for this example on the canvas"
    >
      <td className="py-1 pr-1">
        <div className="truncate font-mono text-[10px] text-slate-600 dark:text-slate-400">
          {row.exampleId}
        </div>
        <div className={shown ? 'whitespace-pre-wrap break-words' : 'line-clamp-2 break-words'}>{input}</div>
      </td>
      <td className="py-1 pr-1 break-words">{row.target}</td>
      {compare && (
        <td className="py-1 pr-1 break-words text-slate-500">
          {change ? Object.values(change.before).join('\n') : <span className="text-slate-500">same</span>}
        </td>
      )}
      <td className={`py-1 pr-1 ${change ? 'bg-amber-50 dark:bg-amber-950/40' : ''}`}>
        <div className={shown ? 'whitespace-pre-wrap break-words' : 'line-clamp-3 break-words'}>{answer}</div>
        {change && (
          <div
            className="text-[10px] font-medium text-amber-700 dark:text-amber-300"
            data-testid="eval-changed"
          >
            changed{change.beforePassed !== passed ? (passed ? ' · now passes' : ' · now fails') : ''}
          </div>
        )}
        {(shown || !passed) && feedback && (
          <div
            className="mt-0.5 whitespace-pre-wrap break-words text-[10px] text-slate-600 dark:text-slate-400"
            data-testid="eval-feedback"
          >
            {feedback}
          </div>
        )}
      </td>
      <td className="py-1 text-right">
        <span
          className={`rounded px-1 py-0.5 text-[10px] font-semibold ${passed ? 'bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300' : 'bg-rose-100 text-rose-800 dark:bg-rose-950 dark:text-rose-300'}`}
        >
          {passed ? 'pass' : 'fail'}
        </span>
      </td>
    </tr>
  );
}, sameRowProps);

/** A change is rebuilt for every row each time one finishes: compare what it says, not its identity. */
function sameRowProps(a: GridRowProps, b: GridRowProps): boolean {
  return (
    a.row === b.row &&
    a.compare === b.compare &&
    a.shown === b.shown &&
    a.onShow === b.onShow &&
    a.change?.before === b.change?.before &&
    a.change?.beforePassed === b.change?.beforePassed &&
    a.change?.changedOutputs.join('\n') === b.change?.changedOutputs.join('\n')
  );
}
