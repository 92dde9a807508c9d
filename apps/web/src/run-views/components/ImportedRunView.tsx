/**
 * A run made by the CLI, read from its report.json (and calls.jsonl when given): the same curves,
 * prompt diffs and call log as a studio run, from the report's own figures. Read-only: there is
 * no session behind it to resume or decide on.
 */
import { memo, useMemo } from 'react';
import { type ImportedRun, reportSeries } from '../import/cli-report';
import { CallLog } from './CallLog';
import { pct, usd } from './format';
import { MetricCurves } from './MetricCurves';
import { Chip, HEADING, MUTED } from './primitives';
import { RUN_STATUS_LABEL } from './status-labels';
import { TextDiff } from './TextDiff';

const ALGORITHM: Record<string, string> = {
  gtbp: 'GTBP',
  sembp: 'Semantic backpropagation',
  textgrad: 'TextGrad',
};

/** Summary, curves, blame, prompt changes and (when given) the call log of an imported run. */
export const ImportedRunView = memo(function ImportedRunView({ run }: { run: ImportedRun }) {
  const { report, calls } = run;
  const series = useMemo(() => reportSeries(report), [report]);
  const changed = (report.promptChanges ?? []).filter((c) => c.before !== c.after);
  const blame = report.blameSummary ?? [];
  return (
    <div className="flex flex-col gap-3 text-xs" data-testid="imported-run">
      <div className="flex flex-wrap items-center gap-2">
        <Chip tone="plain">{ALGORITHM[report.algorithm] ?? report.algorithm}</Chip>
        <Chip tone={report.stopReason ? 'good' : 'warn'}>
          <span data-testid="imported-run-status">
            {report.stopReason ? RUN_STATUS_LABEL[report.stopReason] : 'unfinished'}
          </span>
        </Chip>
        {report.simulated && <Chip tone="warn">simulated model (offline)</Chip>}
        <span className={MUTED}>
          seed {report.seed} · {report.data.trainExamples} train / {report.data.valExamples} validation
          examples · {report.resumes} resume(s)
        </span>
      </div>
      <dl className="grid grid-cols-[8rem_minmax(0,1fr)] gap-x-3 gap-y-0.5">
        <dt className={MUTED}>Workflow</dt>
        <dd className="truncate" data-testid="imported-run-workflow">
          {report.workflow.name} <span className={MUTED}>({report.workflow.file})</span>
        </dd>
        <dt className={MUTED}>Models</dt>
        <dd className="truncate">
          {report.models.forward} · optimizer {report.models.optimizer}
        </dd>
        <dt className={MUTED}>Validation</dt>
        <dd data-testid="imported-run-scores">
          {pct(report.initial.valScore)} → <strong>{pct(report.final.valScore)}</strong>
        </dd>
        <dt className={MUTED}>Totals</dt>
        <dd>
          {report.totals.calls} calls ({report.totals.cachedCalls} cached, {report.totals.failedCalls} failed)
          · {report.totals.tokens} tokens · {usd(report.totals.costUsd)}
        </dd>
        <dt className={MUTED}>When</dt>
        <dd>
          {report.startedAt} → {report.finishedAt}
        </dd>
      </dl>
      <MetricCurves runs={[{ label: report.workflow.name, series }]} height={160} />
      {blame.length > 0 && (
        <section aria-label="Blame per node">
          <span className={HEADING}>Blame (mean over the run)</span>
          <table className="w-full text-right tabular-nums">
            <thead className="text-slate-500">
              <tr>
                <th scope="col" className="text-left">
                  node
                </th>
                <th scope="col">mean</th>
                <th scope="col">max</th>
                <th scope="col">times highest</th>
              </tr>
            </thead>
            <tbody>
              {blame.map((b) => (
                <tr key={b.nodeId}>
                  <td className="text-left font-mono">{b.nodeId}</td>
                  <td>{b.mean.toFixed(2)}</td>
                  <td>{b.max.toFixed(2)}</td>
                  <td>{b.timesHighest}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <section className="flex flex-col gap-2" aria-label="Prompt changes" data-testid="imported-run-changes">
        <span className={HEADING}>Prompt changes</span>
        {changed.length === 0 && <p className={MUTED}>No prompt changed.</p>}
        {changed.map((c) => (
          <div key={c.nodeId} className="flex flex-col gap-1">
            <span className="font-mono font-semibold">{c.nodeId}</span>
            <TextDiff before={c.before} after={c.after} beforeLabel="start" afterLabel="end" />
          </div>
        ))}
      </section>
      {calls.length > 0 ? (
        <CallLog calls={calls} height={240} />
      ) : (
        <p className={MUTED}>No calls.jsonl was chosen with the report: the call log is empty.</p>
      )}
    </div>
  );
});
