/**
 * An experiment's figures: per run (test score, calls, tokens, cost, wall time), per arm (mean
 * and 95% bootstrap interval over the seeds), between arms (paired bootstrap and McNemar on the
 * test split), the learning curves of every seed with their band (the engine's SVG chart), and
 * the exports. Everything is derived by the engine; this file only shows it.
 */
import {
  type ExperimentProgress,
  type ExperimentResult,
  type ExperimentRun,
  type ExperimentSpec,
  type ExperimentSummary,
  experimentChartSvg,
} from '@backflow/engine';
import { memo, useMemo } from 'react';
import { pct } from '../run-views/components/format';
import { download } from '../ui/download';
import { BUTTON } from './ExperimentForm';
import type { FinishedSummary } from './protocol';
import { type ExportContext, experimentExports, gridRows, type RunRowView, resultOf } from './view-model';

const pValue = (p: number) => (p < 0.001 ? '<0.001' : p.toFixed(3));
const TH = 'px-2 py-1 text-left font-medium text-slate-500';
const TD = 'px-2 py-0.5 tabular-nums';

/** A table's header row (memoised: the runs table re-renders with every frame of progress). */
const Head = memo(function Head({ columns }: { columns: readonly string[] }) {
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
});

/**
 * The chart as an image of the engine's SVG (a data URL: no markup is injected). Not an object
 * URL: creating a Blob and its URL asks the browser process synchronously, and while a grid runs
 * that process is busy storing the Worker's checkpoints (the call took tens of milliseconds).
 * Memoised on the text: the same chart keeps its image, nothing is decoded again.
 */
const Chart = memo(function Chart({ svg }: { svg: string }) {
  const url = useMemo(() => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`, [svg]);
  return (
    <img
      src={url}
      alt="Validation score by iteration: every seed, the band between seeds and their mean, per arm"
      className="w-full max-w-[640px] rounded border border-slate-200 dark:border-slate-700"
      data-testid="experiment-chart"
    />
  );
});

/** One cell of the grid; memoised on its parts, so progress re-renders only the running row. */
const GridRow = memo(function GridRow({ arm, seed, status, unit, run }: Omit<RunRowView, 'key'>) {
  return (
    <tr data-status={status} className="border-t border-slate-100 dark:border-slate-800">
      <td className="px-2 py-0.5">{arm}</td>
      <td className={TD}>{seed}</td>
      <td className="px-2 py-0.5">{status === 'running' ? `running (unit ${unit})` : status}</td>
      <td className={TD}>{run ? pct(run.testScore) : ''}</td>
      <td className={TD}>{run?.totals.calls ?? ''}</td>
      <td className={TD}>{run ? run.totals.inputTokens + run.totals.outputTokens : ''}</td>
      <td className={TD}>{run ? run.totals.costUsd.toFixed(4) : ''}</td>
      <td className={TD}>{run ? (run.wallMs / 1000).toFixed(2) : ''}</td>
    </tr>
  );
});

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
      <Head columns={RUN_COLUMNS} />
      <tbody>
        {rows.map(({ key, ...row }) => (
          <GridRow key={key} {...row} />
        ))}
      </tbody>
    </table>
  );
}

const RUN_COLUMNS = ['arm', 'seed', 'status', 'test score', 'calls', 'tokens', 'cost (USD)', 'wall (s)'];

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
  summary,
  progress,
  context,
}: {
  spec: ExperimentSpec;
  runs: ExperimentRun[];
  /** The engine's summary of exactly `runs`, when the experiment host computed it (else here). */
  summary?: FinishedSummary | undefined;
  progress: ExperimentProgress | null;
  context: ExportContext;
}) {
  return (
    <section className="flex flex-col gap-3" data-testid="experiment-results">
      <RunsTable spec={spec} runs={runs} progress={progress} />
      {runs.length > 0 && <Figures runs={runs} given={summary} context={context} />}
    </section>
  );
}

/** The exports: label, file name (from the workflow's), type, and which text of `experimentExports`. */
const EXPORTS = [
  ['Results (JSON)', (stem: string) => `${stem}.experiment.json`, 'application/json', 'json'],
  ['Report (Markdown)', (stem: string) => `${stem}.experiment.md`, 'text/markdown', 'markdown'],
  ['Chart (SVG)', () => 'curves.svg', 'image/svg+xml', 'svg'],
] as const;

/**
 * Per arm, the paired tests, the chart and the exports. Memoised: they change with the finished
 * runs only, never with a running grid's progress. The summary (the engine's bootstraps) comes
 * from the experiment host while a grid runs (without the comparisons until it ends), else is
 * computed here once per list of runs (a finished grid opened again); the export texts only when a
 * button is pressed (from the full summary, computed then if the host's is partial).
 */
const Figures = memo(function Figures({
  runs,
  given,
  context,
}: {
  runs: ExperimentRun[];
  given: FinishedSummary | undefined;
  context: ExportContext;
}) {
  const result: ExperimentResult = useMemo(
    () => resultOf(runs, context.simulated, given?.summary),
    [runs, context.simulated, given],
  );
  const full = () => (given?.partial ? resultOf(runs, context.simulated) : result);
  const summary = result.summary;
  const svg = useMemo(() => experimentChartSvg(summary.arms), [summary]);
  const stem = context.workflow.name.replace(/[^\w.-]+/g, '-').toLowerCase() || 'experiment';
  return (
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
      {given?.partial && (
        <p className="text-[11px] text-slate-500">
          The paired tests between arms follow when the grid stops.
        </p>
      )}
      <Chart svg={svg} />
      <fieldset
        className="flex gap-2 border-0 p-0"
        aria-label="Export this experiment"
        data-testid="experiment-export"
      >
        {EXPORTS.map(([label, file, type, text]) => {
          const name = file(stem);
          return (
            <button
              key={name}
              type="button"
              className={BUTTON}
              onClick={() => download({ name, type, text: experimentExports(full(), context)[text] })}
            >
              {label}
            </button>
          );
        })}
      </fieldset>
    </>
  );
});
