/**
 * Metric curves per iteration: train minibatch score, validation score, cumulative cost (uPlot,
 * lazy-loaded) and, as the accessible and no-canvas form of the same numbers, a table with the
 * accepted and rejected updates. Several runs overlay (the compare view).
 */
import { lazy, memo, Suspense, useMemo } from 'react';
import { curveData } from '../derive/curve-data';
import type { MetricSeries } from '../derive/metrics';
import { pct, usd } from './format';
import { HEADING, MUTED } from './primitives';

const UplotChart = lazy(() => import('./UplotChart'));

export interface MetricCurvesProps {
  runs: readonly { label: string; series: MetricSeries }[];
  height?: number;
  /** Hide the chart (tests, print): the table alone. */
  tableOnly?: boolean;
}

/** Curves and the table of one or several runs. */
export const MetricCurves = memo(function MetricCurves({
  runs,
  height = 220,
  tableOnly = false,
}: MetricCurvesProps) {
  const data = useMemo(() => curveData(runs), [runs]);
  const empty = runs.every((r) => r.series.points.length === 0);
  return (
    <section className="flex flex-col gap-2" data-testid="metric-curves" aria-label="Metric curves">
      <span className={HEADING}>Curves</span>
      {empty && <p className={MUTED}>No iteration has finished yet.</p>}
      {!empty && !tableOnly && typeof window !== 'undefined' && (
        <Suspense
          fallback={
            <div style={{ height }} className={MUTED}>
              Loading chart…
            </div>
          }
        >
          <UplotChart data={data} height={height} title="Scores and cumulative cost per iteration" />
        </Suspense>
      )}
      {runs.map(({ label, series }) => (
        <table
          key={label}
          className="w-full text-xs tabular-nums"
          aria-label={`Per-iteration metrics: ${label}`}
        >
          <caption className="text-left text-[11px] text-slate-500">
            {label} · baseline validation {pct(series.baselineValScore)}
          </caption>
          <thead>
            <tr className="text-right text-slate-500">
              <th scope="col" className="text-left">
                iteration
              </th>
              <th scope="col">train</th>
              <th scope="col">validation</th>
              <th scope="col">accepted</th>
              <th scope="col">rejected</th>
              <th scope="col">cost (cum.)</th>
            </tr>
          </thead>
          <tbody>
            {series.points.map((p) => (
              <tr key={p.iteration} className="text-right">
                <td className="text-left">{p.iteration}</td>
                <td>{pct(p.trainScore)}</td>
                <td>{pct(p.valScore)}</td>
                <td>{p.accepted}</td>
                <td>
                  {p.rejected}
                  {p.failed > 0 ? ` (+${p.failed} failed)` : ''}
                </td>
                <td>{usd(p.cumulativeCostUsd)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </section>
  );
});
