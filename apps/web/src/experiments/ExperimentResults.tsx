/**
 * An experiment's figures: per run (test score, calls, tokens, cost, wall time), per arm (mean
 * and 95% bootstrap interval over the seeds), between arms (paired bootstrap and McNemar on the
 * test split), the learning curves of every seed with their band (the engine's SVG chart), and
 * the exports. Everything is derived by the engine; this file only shows it.
 */
import type { ExperimentProgress, ExperimentRun, ExperimentSpec, ExperimentSummary } from '@backflow/engine';
import { useEffect, useMemo, useState } from 'react';
import { download } from '../run-views/components/ExportRunButtons';
import { BUTTON } from './ExperimentForm';
import { type ExportContext, experimentExports, gridRows, spentOf } from './view-model';

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const pValue = (p: number) => (p < 0.001 ? '<0.001' : p.toFixed(3));
const TH = 'px-2 py-1 text-left font-medium text-slate-500';
const TD = 'px-2 py-0.5 tabular-nums';

/** A table's header row. */
function Head({ columns }: { columns: readonly string[] }) {
  return (
    <thead>
      <tr>
        {columns.map((h) => (
          <th key={h} className={TH}>
            {h}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** The chart as an image of the engine's SVG (an object URL: no markup is injected). */
function Chart({ svg }: { svg: string }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const u = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [svg]);
  return url ? (
    <img
      src={url}
      alt="Validation score by iteration: every seed, the band between seeds and their mean, per arm"
      className="w-full max-w-[640px] rounded border border-slate-200 dark:border-slate-700"
      data-testid="experiment-chart"
    />
  ) : null;
}

function RunsTable({
  spec,
  runs,
  progress,
}: {
  spec: ExperimentSpec;
  runs: ExperimentRun[];
  progress: ExperimentProgress | null;
}) {
  const rows = gridRows(spec, runs, progress);
  return (
    <table className="w-full text-xs" data-testid="experiment-runs">
      <Head columns={['arm', 'seed', 'status', 'test score', 'calls', 'tokens', 'cost (USD)', 'wall (s)']} />
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} data-status={r.status} className="border-t border-slate-100 dark:border-slate-800">
            <td className="px-2 py-0.5">{r.arm}</td>
            <td className={TD}>{r.seed}</td>
            <td className="px-2 py-0.5">{r.status === 'running' ? `running (unit ${r.unit})` : r.status}</td>
            <td className={TD}>{r.run ? pct(r.run.testScore) : ''}</td>
            <td className={TD}>{r.run?.totals.calls ?? ''}</td>
            <td className={TD}>{r.run ? r.run.totals.inputTokens + r.run.totals.outputTokens : ''}</td>
            <td className={TD}>{r.run ? r.run.totals.costUsd.toFixed(4) : ''}</td>
            <td className={TD}>{r.run ? (r.run.wallMs / 1000).toFixed(2) : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ArmsTable({ summary }: { summary: ExperimentSummary }) {
  return (
    <table className="w-full text-xs" data-testid="experiment-arms">
      <Head columns={['arm', 'runs', 'test score (95% CI)', 'calls', 'tokens', 'cost (USD)', 'wall (s)']} />
      <tbody>
        {summary.arms.map((a) => (
          <tr key={a.arm} className="border-t border-slate-100 dark:border-slate-800">
            <td className="px-2 py-0.5">{a.arm}</td>
            <td className={TD}>{a.runs}</td>
            <td className={TD}>
              {pct(a.testScore.mean)} ({pct(a.testScore.low)}–{pct(a.testScore.high)})
            </td>
            <td className={TD}>{Math.round(a.meanCalls)}</td>
            <td className={TD}>{Math.round(a.meanTokens)}</td>
            <td className={TD}>{a.meanCostUsd.toFixed(4)}</td>
            <td className={TD}>{(a.meanWallMs / 1000).toFixed(2)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ComparisonsTable({ summary }: { summary: ExperimentSummary }) {
  if (summary.comparisons.length === 0) return null;
  return (
    <table className="w-full text-xs" data-testid="experiment-comparisons">
      <Head
        columns={[
          'B vs A',
          'pairs',
          'mean difference (95% CI)',
          'paired bootstrap p',
          'only A passes',
          'only B passes',
          'McNemar p',
        ]}
      />
      <tbody>
        {summary.comparisons.map((c) => (
          <tr key={`${c.a}|${c.b}`} className="border-t border-slate-100 dark:border-slate-800">
            <td className="px-2 py-0.5">
              {c.b} vs {c.a}
            </td>
            <td className={TD}>{c.pairs}</td>
            <td className={TD}>
              {pct(c.paired.difference.mean)} ({pct(c.paired.difference.low)} to{' '}
              {pct(c.paired.difference.high)})
            </td>
            <td className={TD}>{pValue(c.paired.p)}</td>
            <td className={TD}>{c.mcnemar.onlyA}</td>
            <td className={TD}>{c.mcnemar.onlyB}</td>
            <td className={TD}>{pValue(c.mcnemar.p)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Everything an experiment has measured so far, with its exports. */
export function ExperimentResults({
  spec,
  runs,
  progress,
  context,
}: {
  spec: ExperimentSpec;
  runs: ExperimentRun[];
  progress: ExperimentProgress | null;
  context: ExportContext;
}) {
  const exports = useMemo(() => experimentExports(runs, spentOf(runs), context), [runs, context]);
  const summary = exports.result.summary;
  const stem = context.workflow.name.replace(/[^\w.-]+/g, '-').toLowerCase() || 'experiment';
  return (
    <section className="flex flex-col gap-3" data-testid="experiment-results">
      <RunsTable spec={spec} runs={runs} progress={progress} />
      {runs.length > 0 && (
        <>
          <h4 className="text-[11px] font-semibold uppercase tracking-wide text-slate-500">Per arm</h4>
          <ArmsTable summary={summary} />
          <p className="text-[11px] text-slate-500">
            Means per run; the interval is a percentile bootstrap over the seeds.
            {context.simulated ? ' Simulated model: every figure comes from the simulator.' : ''}
          </p>
          {summary.comparisons.length > 0 && (
            <h4 className="text-[11px] font-semibold uppercase tracking-wide text-slate-500">
              Paired tests on the test split
            </h4>
          )}
          <ComparisonsTable summary={summary} />
          <Chart svg={exports.svg} />
          <fieldset
            className="flex gap-2 border-0 p-0"
            aria-label="Export this experiment"
            data-testid="experiment-export"
          >
            {(
              [
                ['Results (JSON)', `${stem}.experiment.json`, 'application/json', exports.json],
                ['Report (Markdown)', `${stem}.experiment.md`, 'text/markdown', exports.markdown],
                ['Chart (SVG)', 'curves.svg', 'image/svg+xml', exports.svg],
              ] as const
            ).map(([label, name, type, text]) => (
              <button
                key={name}
                type="button"
                className={BUTTON}
                onClick={() => download({ name, type, text })}
              >
                {label}
              </button>
            ))}
          </fieldset>
        </>
      )}
    </section>
  );
}
