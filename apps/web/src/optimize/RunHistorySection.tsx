/**
 * The run history of the open workflow (from IndexedDB) and the compare view of two runs: curves
 * and final prompts side by side. Reloaded whenever the shown run changes status.
 */
import type { SessionEvent } from '@backflow/engine';
import { useEffect, useMemo, useState } from 'react';
import { listRuns, type StoredRun } from '../persistence/runs';
import {
  type CompareSide,
  metricSeries,
  RunCompare,
  RunHistory,
  type RunHistoryItem,
  runSummary,
} from '../run-views';
import { useServices } from '../shell/services';
import { useStudio } from '../store/react';
import { useOptimize } from './context';

function labelOf(stored: StoredRun): string {
  return `${(stored.run.algorithm ?? 'run').toUpperCase()} · ${new Date(stored.run.startedAt).toLocaleTimeString()}`;
}

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
    label: labelOf(stored),
    series: metricSeries(stored.events, stored.calls),
    ...finalOf(stored.events),
  };
}

/** History list plus, once two runs are picked, the compare view. */
export function RunHistorySection() {
  const { persistence } = useServices();
  const workflowId = useStudio((s) => s.doc.id);
  const activeRunId = useOptimize((s) => s.runId);
  const status = useOptimize((s) => s.status);
  const [stored, setStored] = useState<StoredRun[]>([]);
  const [pair, setPair] = useState<[string, string] | null>(null);
  useEffect(() => {
    let live = true;
    // `status` is read so the list refreshes when the shown run ends or stops.
    if (status !== 'running') {
      void listRuns(persistence.db, workflowId).then((runs) => {
        if (live) setStored(runs);
      });
    }
    return () => {
      live = false;
    };
  }, [persistence, workflowId, status]);
  const items: RunHistoryItem[] = useMemo(
    () =>
      stored.map((s) => ({
        runId: s.run.id,
        label: labelOf(s),
        startedAt: s.run.startedAt,
        summary: runSummary(s.events, s.calls),
      })),
    [stored],
  );
  const a = pair && stored.find((s) => s.run.id === pair[0]);
  const b = pair && stored.find((s) => s.run.id === pair[1]);
  if (items.length === 0) return null;
  return (
    <section className="flex flex-col gap-2" aria-label="Run history">
      <RunHistory
        runs={items}
        {...(activeRunId ? { activeRunId } : {})}
        onCompare={(x, y) => setPair([x, y])}
      />
      {a && b && <RunCompare a={compareSide(a)} b={compareSide(b)} />}
    </section>
  );
}
