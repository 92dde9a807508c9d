/**
 * The run history of the open workflow (from IndexedDB): Open shows a stored run read-only in the
 * panel (the driver's `openStored`), and the compare view puts two runs' curves and final prompts
 * side by side. Reloaded whenever the live run changes status.
 */
import type { SessionEvent } from '@backflow/engine';
import { useEffect, useMemo, useRef, useState } from 'react';
import { toastSetAside } from '../persistence/quarantine';
import { listRuns, type StoredRun } from '../persistence/runs';
import {
  type CompareSide,
  historyStatus,
  metricSeries,
  RunCompare,
  RunHistory,
  type RunHistoryItem,
  runSummary,
} from '../run-views';
import { useServices } from '../shell/services';
import { useStudio, useStudioStore } from '../store/react';
import { useOptimize, useOptimizeDriver } from './context';
import { OPEN_STATUSES } from './optimize-state';
import { runLabel } from './stored-run';

function finalOf(events: readonly SessionEvent[]): {
  prompts: Record<string, string>;
  valScore: number | null;
} {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i];
    if (e?.type === 'runDone' || e?.type === 'iterationDone') {
      return { prompts: e.prompts, valScore: e.valScore ?? null };
    }
  }
  return { prompts: {}, valScore: null };
}

/** Compare input for one stored run. */
export function compareSide(stored: StoredRun): CompareSide {
  return {
    label: runLabel(stored.run),
    series: metricSeries(stored.events, stored.calls),
    ...finalOf(stored.events),
  };
}

/** History list plus, once two runs are picked, the compare view. */
export function RunHistorySection() {
  const { persistence } = useServices();
  const driver = useOptimizeDriver();
  const studio = useStudioStore();
  const workflowId = useStudio((s) => s.doc.id);
  const activeRunId = useOptimize((s) => s.runId);
  // The live run's status; "stored" while a stored run is shown (opening one stores nothing).
  const liveStatus = useOptimize((s) => (s.stored ? 'stored' : s.status));
  // Whether the live run is still open in this tab (only that one can be running or waiting).
  const liveOpen = useOptimize((s) => !s.stored && OPEN_STATUSES.includes(s.status));
  const [stored, setStored] = useState<StoredRun[]>([]);
  const [pair, setPair] = useState<[string, string] | null>(null);
  const listed = useRef<string | null>(null);
  useEffect(() => {
    let live = true;
    // `liveStatus` is read so the list refreshes when the live run ends or stops.
    if (liveStatus === 'running' || (liveStatus === 'stored' && listed.current === workflowId)) return;
    // Reading the runs' events and calls sets aside those that no longer read (the toast says so).
    void listRuns(persistence.db, workflowId, toastSetAside(studio)).then((runs) => {
      if (!live) return;
      listed.current = workflowId;
      setStored(runs);
    });
    return () => {
      live = false;
    };
  }, [persistence, studio, workflowId, liveStatus]);
  const items: RunHistoryItem[] = useMemo(
    () =>
      stored.map((s) => {
        const summary = runSummary(s.events, s.calls);
        // While a stored run is shown the live one is shelved: its state is not known here.
        const open = liveStatus === 'stored' || (s.run.id === activeRunId && liveOpen);
        return {
          runId: s.run.id,
          label: runLabel(s.run),
          startedAt: s.run.startedAt,
          summary: { ...summary, status: historyStatus(summary.status, open) },
        };
      }),
    [stored, activeRunId, liveOpen, liveStatus],
  );
  const a = pair && stored.find((s) => s.run.id === pair[0]);
  const b = pair && stored.find((s) => s.run.id === pair[1]);
  if (items.length === 0) return null;
  return (
    <section className="flex flex-col gap-2" aria-label="Run history">
      <RunHistory
        runs={items}
        {...(activeRunId ? { activeRunId } : {})}
        onOpen={(id) => void driver.openStored(id)}
        onCompare={(x, y) => setPair([x, y])}
      />
      {a && b && <RunCompare a={compareSide(a)} b={compareSide(b)} />}
    </section>
  );
}
