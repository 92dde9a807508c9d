/**
 * The run history of the open workflow (from IndexedDB): Open shows a stored run read-only in the
 * panel (the driver's `openStored`), and the compare view puts two runs' curves and final prompts
 * side by side. Reloaded whenever the live run changes status, and as calls are stored while it is
 * not running (the held-out test split's come after its end). The list reads the run rows only
 * (their digests: persistence/run-list.ts); Compare reads the two runs' events for their prompts.
 */
import type { SessionEvent } from '@backflow/engine';
import { useEffect, useMemo, useRef, useState } from 'react';
import { toastSetAside } from '../persistence/quarantine';
import { type ListedRun, listRuns } from '../persistence/run-list';
import { loadRunEvents } from '../persistence/runs';
import { type CompareSide, historyStatus, RunCompare, RunHistory, type RunHistoryItem } from '../run-views';
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

/** Compare input for one listed run: its curves from its row, its final prompts from its events. */
export function compareSide(listed: ListedRun, events: readonly SessionEvent[]): CompareSide {
  return { label: runLabel(listed.run), series: listed.series, ...finalOf(events) };
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
  // The live run's stored calls: the held-out test split is scored (its calls stored) after the
  // run ends, so the list is read again as they come (it reads the run rows only: cheap).
  const liveCalls = useOptimize((s) => (s.stored ? -1 : s.calls.length));
  const [stored, setStored] = useState<ListedRun[]>([]);
  const [compared, setCompared] = useState<
    [CompareSide & { runId: string }, CompareSide & { runId: string }] | null
  >(null);
  const listed = useRef<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `liveCalls` lists again as calls are stored.
  useEffect(() => {
    let live = true;
    // `liveStatus` and `liveCalls` are read so the list refreshes when the live run ends or stops,
    // and as calls are stored after that.
    if (liveStatus === 'running' || (liveStatus === 'stored' && listed.current === workflowId)) return;
    // A run listed for the first time since schema version 5 has its rows read once, and those
    // that no longer read are set aside (the toast says so).
    void listRuns(persistence.db, workflowId, toastSetAside(studio)).then((runs) => {
      if (!live) return;
      listed.current = workflowId;
      setStored(runs);
    });
    return () => {
      live = false;
    };
  }, [persistence, studio, workflowId, liveStatus, liveCalls]);
  const items: RunHistoryItem[] = useMemo(
    () =>
      stored.map(({ run, summary }) => {
        // While a stored run is shown the live one is shelved: its state is not known here.
        const open = liveStatus === 'stored' || (run.id === activeRunId && liveOpen);
        return {
          runId: run.id,
          label: runLabel(run),
          startedAt: run.startedAt,
          summary: { ...summary, status: historyStatus(summary.status, open) },
        };
      }),
    [stored, activeRunId, liveOpen, liveStatus],
  );
  const compare = async (x: string, y: string) => {
    const report = toastSetAside(studio);
    const sides = await Promise.all(
      [x, y].map(async (runId) => {
        const listed = stored.find((s) => s.run.id === runId);
        if (!listed) return null;
        return { runId, ...compareSide(listed, await loadRunEvents(persistence.db, runId, report)) };
      }),
    );
    const [a, b] = sides;
    setCompared(a && b ? [a, b] : null);
  };
  // Shown while both runs are still listed (another workflow lists other runs).
  const [a, b] = compared?.every((side) => stored.some((s) => s.run.id === side.runId)) ? compared : [];
  if (items.length === 0) return null;
  return (
    <section className="flex flex-col gap-2" aria-label="Run history">
      <RunHistory
        runs={items}
        {...(activeRunId ? { activeRunId } : {})}
        onOpen={(id) => void driver.openStored(id)}
        onCompare={(x, y) => void compare(x, y)}
      />
      {a && b && <RunCompare a={a} b={b} />}
    </section>
  );
}
