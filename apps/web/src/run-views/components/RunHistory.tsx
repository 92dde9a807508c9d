/** The runs of one workflow, newest first: status, scores, cost; open one, or pick two to compare. */
import { memo, useState } from 'react';
import type { RunSummary } from '../derive/summary';
import { pct, usd } from './format';
import { BUTTON, BUTTON_PRIMARY, Chip, HEADING, MUTED } from './primitives';
import { RUN_STATUS_LABEL } from './status-labels';

/** One row: what the host knows about a stored run plus its derived summary. */
export interface RunHistoryItem {
  runId: string;
  /** e.g. "GTBP · seed 1". */
  label: string;
  /** Epoch ms. */
  startedAt: number;
  summary: Omit<RunSummary, 'prompts'>;
}

export interface RunHistoryProps {
  runs: readonly RunHistoryItem[];
  /** The run shown now (highlighted; it has no Open button). */
  activeRunId?: string;
  onOpen?: (runId: string) => void;
  onCompare?: (a: string, b: string) => void;
}

const STATUS_TONE: Record<RunSummary['status'], 'plain' | 'good' | 'bad' | 'warn'> = {
  notStarted: 'plain',
  running: 'plain',
  awaitingDecisions: 'warn',
  failed: 'bad',
  aborted: 'warn',
  stopped: 'warn',
  completed: 'good',
  earlyStop: 'good',
  budgetExhausted: 'warn',
};

/** The list. */
export const RunHistory = memo(function RunHistory({
  runs,
  activeRunId,
  onOpen,
  onCompare,
}: RunHistoryProps) {
  const [picked, setPicked] = useState<string[]>([]);
  const sorted = [...runs].sort((a, b) => b.startedAt - a.startedAt);
  const pick = (id: string, on: boolean) =>
    setPicked((prev) =>
      on ? [...prev.filter((p) => p !== id), id].slice(-2) : prev.filter((p) => p !== id),
    );
  if (runs.length === 0) return <p className={MUTED}>No runs of this workflow yet.</p>;
  return (
    <section className="flex flex-col gap-2" data-testid="run-history" aria-label="Run history">
      <div className="flex items-center gap-2">
        <span className={`${HEADING} flex-1`}>Runs</span>
        {onCompare && (
          <button
            type="button"
            className={BUTTON_PRIMARY}
            disabled={picked.length !== 2}
            onClick={() => picked[0] && picked[1] && onCompare(picked[0], picked[1])}
          >
            Compare {picked.length}/2
          </button>
        )}
      </div>
      <ul className="flex flex-col gap-1">
        {sorted.map((run) => (
          <li
            key={run.runId}
            data-testid="run-history-row"
            aria-current={run.runId === activeRunId ? 'true' : undefined}
            className={`flex items-center gap-2 rounded px-2 py-1 text-xs ${run.runId === activeRunId ? 'border-l-2 border-sky-600' : 'border-l-2 border-transparent'}`}
          >
            {onCompare && (
              <input
                type="checkbox"
                aria-label={`Pick ${run.label} for comparison`}
                checked={picked.includes(run.runId)}
                onChange={(e) => pick(run.runId, e.target.checked)}
              />
            )}
            {/* Two lines: the name never gives way to the figures in a narrow panel. */}
            <span className="flex min-w-0 flex-1 flex-col">
              <span className="flex min-w-0 items-center gap-2">
                <span className="truncate font-medium" title={run.label}>
                  {run.label}
                </span>
                <Chip tone={STATUS_TONE[run.summary.status]}>
                  <span data-status={run.summary.status}>{RUN_STATUS_LABEL[run.summary.status]}</span>
                </Chip>
              </span>
              <span className={`${MUTED} truncate tabular-nums`}>
                {new Date(run.startedAt).toLocaleString()} · {pct(run.summary.baselineValScore)} →{' '}
                {pct(run.summary.valScore)} · {run.summary.iterationsDone} it · {run.summary.records.calls}{' '}
                calls · {usd(run.summary.records.costUsd)}
              </span>
            </span>
            {onOpen &&
              (run.runId === activeRunId ? (
                <span className={MUTED}>shown</span>
              ) : (
                <button
                  type="button"
                  className={BUTTON}
                  aria-label={`Open ${run.label}`}
                  onClick={() => onOpen(run.runId)}
                >
                  Open
                </button>
              ))}
          </li>
        ))}
      </ul>
    </section>
  );
});
