/**
 * The evaluation grid of the forward run (in the spirit of promptfoo's results table): one row per
 * example with its input, target, final answer and pass/fail with the loss's feedback; accuracy per
 * split with a 95% Wilson interval; filters for failing rows and rows changed since the previous
 * run; the previous run side by side; CSV/JSON export. Clicking a row puts every node's output for
 * that example on the canvas. Every row is in the table as soon as its example finishes; only those
 * in view are mounted.
 */
import { useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { memo, type RefObject, useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
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
 * The grid is virtualised: only the rows in view (plus OVERSCAN) are in the DOM, so a row that
 * arrives out of view costs a taller spacer, not a mounted and laid-out row (about 0.6 ms each,
 * bench 5). Rows wrap (a shown row opens up, a failing one carries its feedback), so each mounted
 * row is measured; ROW_ESTIMATE stands for the rest.
 */
const ROW_ESTIMATE = 64;
const OVERSCAN = 4;
/** The scroller's height at most (px): also the height a server render and the first frame assume. */
const SCROLLER_HEIGHT = 480;

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
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer<HTMLDivElement, HTMLTableRowElement>({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_ESTIMATE,
    overscan: OVERSCAN,
    getItemKey: (i) => rows[i]?.exampleId ?? i,
    initialRect: { width: 0, height: SCROLLER_HEIGHT },
    measureElement: measuredHeight,
  });
  // One callback for every row, so a finished example re-renders its own row only (GridRow is memo).
  const onShow = useCallback((exampleId: string) => store.getState().showExample(exampleId), [store]);
  const onMove = useRowFocus(scroller, virtualizer);
  if (run.rows.length === 0) return null;
  const stem = `${run.workflowId || 'workflow'}-eval`;
  const compare = sideBySide && previous !== null;
  const items = virtualizer.getVirtualItems();
  const above = items[0]?.start ?? 0;
  const below = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  const columns = compare ? 5 : 4;
  return (
    <section
      className="flex flex-col gap-2 text-xs"
      aria-label="Evaluation grid"
      data-testid="eval-grid"
      data-rows={run.rows.length}
    >
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
              virtualizer.scrollToOffset(0);
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
      <div
        ref={scroller}
        className="overflow-y-auto rounded border border-slate-200 dark:border-slate-700"
        style={{ maxHeight: SCROLLER_HEIGHT }}
        data-testid="eval-grid-scroller"
      >
        <table
          className="w-full table-fixed border-collapse"
          data-testid="eval-grid-table"
          aria-rowcount={rows.length + 1}
        >
          <thead className="sticky top-0 z-10 bg-white dark:bg-slate-900">
            <tr
              className="text-left text-[11px] text-slate-500 *:shadow-[inset_0_-1px_0] *:shadow-slate-200 dark:*:shadow-slate-700"
              aria-rowindex={1}
            >
              <th className="w-[28%] py-1 pl-1 font-medium">Input</th>
              <th className="w-[18%] font-medium">Target</th>
              {compare && <th className="font-medium">Previous</th>}
              <th className="font-medium">Answer</th>
              <th className="w-12 pr-1 text-right font-medium">Result</th>
            </tr>
          </thead>
          <tbody>
            {above > 0 && <Spacer height={above} columns={columns} />}
            {items.map((item) => {
              const row = rows[item.index];
              if (!row) return null;
              return (
                <GridRow
                  key={item.key}
                  index={item.index}
                  measure={virtualizer.measureElement}
                  row={row}
                  change={changes.get(row.exampleId)}
                  compare={compare}
                  shown={run.shownExampleId === row.exampleId}
                  onShow={onShow}
                  onMove={onMove}
                />
              );
            })}
            {below > 0 && <Spacer height={below} columns={columns} />}
          </tbody>
        </table>
      </div>
      {rows.length === 0 && <p className="text-slate-500">No row matches this filter.</p>}
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

/**
 * Arrow keys move the focus to the next or previous row, so the keyboard reaches every row. A row
 * not mounted yet (keys pressed faster than the frames that scroll it in) is scrolled to and
 * focused once it is drawn; keys pressed meanwhile count from it.
 */
function useRowFocus(
  scroller: RefObject<HTMLDivElement | null>,
  virtualizer: Virtualizer<HTMLDivElement, HTMLTableRowElement>,
): (index: number, delta: number) => void {
  const pending = useRef<number | null>(null);
  useLayoutEffect(() => {
    if (pending.current === null) return;
    const row = rowAt(scroller.current, pending.current);
    if (row) {
      pending.current = null;
      row.focus();
    }
  });
  return useCallback(
    (index: number, delta: number) => {
      const target = (pending.current ?? index) + delta;
      if (target < 0 || target >= virtualizer.options.count) return;
      const row = rowAt(scroller.current, target);
      if (row) {
        pending.current = null;
        row.focus();
      } else {
        pending.current = target;
        virtualizer.scrollToIndex(target);
      }
    },
    [scroller, virtualizer],
  );
}

/** The mounted row at `index`, if it is mounted. */
function rowAt(scroller: HTMLElement | null, index: number): HTMLElement | null | undefined {
  return scroller?.querySelector<HTMLElement>(`[data-testid="eval-row"][data-index="${index}"]`);
}

/**
 * A row's height as the ResizeObserver reports it after layout; a row just mounted keeps the size
 * known or estimated until then. The default reads offsetHeight as each row mounts, which forces a
 * layout inside React's commit; here the rows lie in the table's own flow, so a size not known yet
 * only misplaces the spacer below for a frame.
 */
function measuredHeight(
  row: HTMLTableRowElement,
  entry: ResizeObserverEntry | undefined,
  virtualizer: Virtualizer<HTMLDivElement, HTMLTableRowElement>,
): number {
  const observed = entry?.borderBoxSize[0]?.blockSize;
  if (observed !== undefined) return Math.round(observed);
  const key = virtualizer.options.getItemKey(virtualizer.indexFromElement(row));
  return virtualizer.itemSizeCache.get(key) ?? ROW_ESTIMATE;
}

/** The height of the rows out of view above or below the mounted ones. */
function Spacer({ height, columns }: { height: number; columns: number }) {
  return (
    // biome-ignore lint/a11y/noAriaHiddenOnFocusable: a spacer row is not focusable; hidden, it leaves the rows' aria-rowindex true.
    <tr aria-hidden="true" style={{ height }}>
      <td colSpan={columns} className="p-0" />
    </tr>
  );
}

interface GridRowProps {
  /** The row's place among the filtered rows (the virtualiser's index). */
  index: number;
  /** The virtualiser's measuring ref (rows wrap, so their heights differ). */
  measure: (el: HTMLTableRowElement | null) => void;
  row: ExampleRow;
  change: RowChange | undefined;
  compare: boolean;
  shown: boolean;
  onShow: (exampleId: string) => void;
  /** Moves the focus `delta` rows from the row at `index`. */
  onMove: (index: number, delta: number) => void;
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
      ref={props.measure}
      data-index={props.index}
      aria-rowindex={props.index + 2}
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
        } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
          e.preventDefault();
          props.onMove(props.index, e.key === 'ArrowDown' ? 1 : -1);
        }
      }}
      className={`scroll-mt-6 cursor-pointer border-t border-slate-100 align-top hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-sky-500 dark:border-slate-800 dark:hover:bg-slate-800/60 ${shown ? 'bg-sky-50 dark:bg-sky-950/50' : ''}`}
      title="Show every node's output for this example on the canvas"
    >
      <td className="py-1 pl-1 pr-1">
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
      <td className="py-1 pr-1 text-right">
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
    a.index === b.index &&
    a.measure === b.measure &&
    a.row === b.row &&
    a.compare === b.compare &&
    a.shown === b.shown &&
    a.onShow === b.onShow &&
    a.onMove === b.onMove &&
    a.change?.before === b.change?.before &&
    a.change?.beforePassed === b.change?.beforePassed &&
    a.change?.changedOutputs.join('\n') === b.change?.changedOutputs.join('\n')
  );
}
