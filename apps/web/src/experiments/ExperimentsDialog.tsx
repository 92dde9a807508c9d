/**
 * The Experiments view (lazy, from the header): set up a grid of arms by seeds on this workflow or
 * a paper recipe, see its preflight, run it in the experiment Worker with the engine's runner,
 * watch it live, and read and export its statistics. Grids are kept in IndexedDB after every
 * unit, so one interrupted by a reload (or Stop, or the budget) resumes where it was.
 */
import type { Example, ExperimentRun } from '@backflow/engine';
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { providerOf } from '../optimize/form';
import { useStudio, useStudioStore } from '../store/react';
import { Dialog } from '../ui/Dialog';
import { BUTTON, ExperimentForm, type NewExperiment } from './ExperimentForm';
import { ExperimentResults } from './ExperimentResults';
import { createExperimentClient, type ExperimentClient } from './experiment-client';
import {
  deleteExperiment,
  EXPERIMENT_DB_NAME,
  type ExperimentRow,
  loadExperimentRuns,
  openExperimentDb,
} from './experiment-db';
import {
  applyMessages,
  createMessageFrames,
  endingsOf,
  type LiveGrid,
  sameRuns,
  summaryFor,
} from './live-grid';
import type { ExperimentMessage } from './protocol';

const STATUS_TEXT: Record<ExperimentRow['status'], string> = {
  running: 'interrupted (resume to go on)',
  aborted: 'stopped (resume to go on)',
  budgetExhausted: 'stopped by the budget (resume under a larger one)',
  done: 'done',
  failed: 'failed',
};

/** The form's examples when the workflow has no dataset (one array, so the memoised form keeps still). */
const NO_EXAMPLES: readonly Example[] = [];
const IDLE: LiveGrid = { progress: null, runs: [], active: null, finished: null };

/**
 * `Date#toLocaleString()`'s format, built when the view loads: the first date formatted sets up the
 * locale's formatter (tens of milliseconds), and a fresh page has no experiment listed until Start.
 */
const CREATED = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

/**
 * The stored experiments to pick from. Memoised: a select re-renders its options on every update
 * (React re-applies the value).
 */
const ExperimentSelect = memo(function ExperimentSelect({
  rows,
  selected,
  onSelect,
}: {
  rows: ExperimentRow[];
  selected: string | null;
  onSelect: (id: string) => void;
}) {
  return (
    <select
      className="rounded border border-slate-300 bg-white px-1.5 py-0.5 dark:border-slate-600 dark:bg-slate-800"
      value={selected ?? ''}
      onChange={(e) => onSelect(e.target.value)}
      aria-label="Experiment"
      data-testid="experiment-select"
    >
      {rows.map((r) => (
        <option key={r.id} value={r.id}>
          {CREATED.format(r.createdAt)} · {r.source} · {r.spec.arms.map((a) => a.name).join(' vs ')}
        </option>
      ))}
    </select>
  );
});

export default function ExperimentsDialog({ onClose }: { onClose: () => void }) {
  const store = useStudioStore();
  const doc = useStudio((s) => s.doc);
  const dataset = useStudio((s) => s.dataset);
  const settings = useStudio((s) => s.settings);
  const provider = useMemo(() => providerOf(settings), [settings]);
  const simulated = provider.forward.kind === 'simulated' && provider.optimizer.kind === 'simulated';
  const db = useMemo(() => openExperimentDb(), []);
  const [rows, setRows] = useState<ExperimentRow[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  // Progress, the shown runs and the running grid: one state, updated once per frame of messages.
  const [live, setLive] = useState<LiveGrid>(IDLE);
  const { runs, progress, active } = live;
  const client = useRef<ExperimentClient | null>(null);
  const selectedRef = useRef<string | null>(null);
  selectedRef.current = selected;
  /** The experiment `live.runs` belongs to (a reload keeps the list when it holds the same runs). */
  const runsOf = useRef<string | null>(null);

  const showRuns = useCallback((id: string | null, loaded: ExperimentRun[]) => {
    const same = runsOf.current === id;
    runsOf.current = id;
    setLive((l) =>
      same && sameRuns(l.runs, loaded) ? l : { ...l, runs: loaded, ...(same ? {} : { finished: null }) },
    );
  }, []);

  const refresh = useCallback(async () => {
    const all = await db.experiments.orderBy('createdAt').reverse().toArray();
    setRows(all);
    const id = selectedRef.current ?? all[0]?.id ?? null;
    setSelected(id);
    const row = all.find((r) => r.id === id);
    showRuns(id, row ? await loadExperimentRuns(db, row) : []);
  }, [db, showRuns]);

  const onMessages = useCallback(
    (batch: readonly ExperimentMessage[]) => {
      setLive((l) => applyMessages(l, batch, selectedRef.current));
      const endings = endingsOf(batch);
      for (const m of endings) if (m.type === 'failed') store.getState().toast(m.message, { kind: 'error' });
      if (endings.length > 0) void refresh();
    },
    [refresh, store],
  );

  useEffect(() => {
    void refresh();
    const frames = createMessageFrames(onMessages);
    const c = createExperimentClient(frames.push);
    client.current = c;
    return () => {
      // Closing the view stops the grid: its last unit's checkpoint is kept, Resume goes on.
      c.dispose();
      frames.cancel();
      db.close();
    };
  }, [db, onMessages, refresh]);

  const [resumeCalls, setResumeCalls] = useState('');
  /** A grid stopped by its budget goes on under the limit given here (blank: none). */
  const raiseBudget = async (row: ExperimentRow) => {
    const calls = Math.floor(Number(resumeCalls));
    const { budget: _, ...rest } = row.spec;
    const spec = resumeCalls.trim() !== '' && calls > 0 ? { ...rest, budget: { maxCalls: calls } } : rest;
    await db.experiments.update(row.id, { spec });
  };

  const start = useCallback(
    async (id: string) => {
      setLive((l) => ({ ...l, active: id }));
      setSelected(id);
      await client.current?.send({ type: 'start', experimentId: id, dbName: EXPERIMENT_DB_NAME, provider });
    },
    [provider],
  );

  // Stable, so the memoised form does not re-render on every message of a running grid.
  const create = useCallback(
    async (experiment: NewExperiment) => {
      const id = `exp-${Date.now().toString(36)}`;
      await db.experiments.put({
        id,
        source: experiment.source,
        createdAt: Date.now(),
        spec: experiment.spec,
        status: 'running',
      });
      selectedRef.current = id;
      showRuns(id, []);
      await refresh();
      await start(id);
    },
    [db, refresh, showRuns, start],
  );
  const onStart = useCallback((e: NewExperiment) => void create(e), [create]);

  const row = rows.find((r) => r.id === selected);
  const rowSimulated = row?.models?.simulated ?? simulated;
  const context = useMemo(
    () =>
      row
        ? {
            workflow: row.spec.workflow,
            seeds: row.spec.seeds,
            testExamples: row.spec.test.length,
            simulated: rowSimulated,
            stopped:
              row.status === 'done'
                ? null
                : row.status === 'budgetExhausted'
                  ? ('budgetExhausted' as const)
                  : ('aborted' as const),
          }
        : null,
    [row, rowSimulated],
  );
  const total = row ? row.spec.arms.length * row.spec.seeds.length : 0;
  const select = useCallback(
    (id: string) => {
      selectedRef.current = id;
      void refresh();
    },
    [refresh],
  );
  const summary = useMemo(() => summaryFor(runs, live.finished), [runs, live.finished]);

  return (
    <Dialog title="Experiments" onClose={onClose} wide testId="experiments-dialog">
      <div className="flex max-h-[75vh] flex-col gap-4 overflow-y-auto p-4">
        <ExperimentForm
          workflow={doc}
          examples={dataset?.examples ?? NO_EXAMPLES}
          simulated={simulated}
          disabled={active !== null}
          onStart={onStart}
        />
        {rows.length > 0 && (
          <section className="flex flex-col gap-2 border-t border-slate-200 pt-3 text-xs dark:border-slate-700">
            <div className="flex flex-wrap items-center gap-2">
              <ExperimentSelect rows={rows} selected={selected} onSelect={select} />
              {row && (
                <span data-testid="experiment-status" data-status={active === row.id ? 'active' : row.status}>
                  {active === row.id ? 'running' : STATUS_TEXT[row.status]}
                  {row.error ? `: ${row.error}` : ''}
                </span>
              )}
              {row && active === row.id && (
                <button
                  type="button"
                  className={BUTTON}
                  onClick={() => void client.current?.send({ type: 'abort', experimentId: row.id })}
                  data-testid="experiment-stop"
                >
                  Stop
                </button>
              )}
              {row && active === null && row.status === 'budgetExhausted' && (
                <label className="flex items-center gap-1">
                  Max calls for the whole grid
                  <input
                    className="w-20 rounded border border-slate-300 bg-white px-1.5 py-0.5 dark:border-slate-600 dark:bg-slate-800"
                    value={resumeCalls}
                    onChange={(e) => setResumeCalls(e.target.value)}
                    placeholder="no limit"
                    data-testid="experiment-resume-calls"
                  />
                </label>
              )}
              {row && active === null && row.status !== 'done' && (
                <button
                  type="button"
                  className={BUTTON}
                  onClick={() =>
                    void (row.status === 'budgetExhausted' ? raiseBudget(row) : Promise.resolve()).then(() =>
                      start(row.id),
                    )
                  }
                  data-testid="experiment-resume"
                >
                  Resume
                </button>
              )}
              {row && active !== row.id && (
                <button
                  type="button"
                  className={BUTTON}
                  onClick={() => {
                    selectedRef.current = null;
                    void deleteExperiment(db, row.id).then(refresh);
                  }}
                >
                  Delete
                </button>
              )}
            </div>
            {row && (
              <p
                className="text-slate-500"
                data-testid="experiment-progress"
                data-done={runs.length}
                data-total={total}
                data-unit={active === row.id && progress ? progress.unit : undefined}
              >
                {runs.length} of {total} runs done
                {active === row.id && progress
                  ? ` · now ${progress.arm} seed ${progress.seed}, unit ${progress.unit} · spent ${progress.spent.calls} calls, $${progress.spent.costUsd.toFixed(4)}`
                  : ''}
                {row.models ? ` · forward ${row.models.forward}, optimizer ${row.models.optimizer}` : ''}
              </p>
            )}
            {row && context && (
              <ExperimentResults
                spec={row.spec}
                runs={runs}
                summary={summary}
                progress={active === row.id ? progress : null}
                context={context}
              />
            )}
          </section>
        )}
      </div>
    </Dialog>
  );
}
