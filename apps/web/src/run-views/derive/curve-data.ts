import type { MetricSeries } from './metrics';

/** One plotted line. */
export interface CurveLine {
  label: string;
  /** Which y axis: scores in [0, 1], or cumulative cost in USD. */
  scale: 'score' | 'usd';
  values: (number | null)[];
}

/** Aligned columns for a chart: x = iteration (0 = baseline), one line per series and run. */
export interface CurveData {
  iterations: number[];
  lines: CurveLine[];
}

/**
 * Lines for one or more runs' series on a shared iteration axis (gaps as null): train score,
 * validation score (the baseline at iteration 0), and cumulative cost. Run labels prefix the line
 * labels when there are several runs.
 */
export function curveData(runs: readonly { label: string; series: MetricSeries }[]): CurveData {
  const max = Math.max(0, ...runs.flatMap((r) => r.series.points.map((p) => p.iteration)));
  const iterations = Array.from({ length: max + 1 }, (_, i) => i);
  const lines: CurveLine[] = [];
  for (const { label, series } of runs) {
    const prefix = runs.length > 1 ? `${label} · ` : '';
    const at = (i: number) => series.points.find((p) => p.iteration === i);
    lines.push({
      label: `${prefix}train`,
      scale: 'score',
      values: iterations.map((i) => at(i)?.trainScore ?? null),
    });
    lines.push({
      label: `${prefix}validation`,
      scale: 'score',
      values: iterations.map((i) => (i === 0 ? series.baselineValScore : (at(i)?.valScore ?? null))),
    });
    lines.push({
      label: `${prefix}cost`,
      scale: 'usd',
      values: iterations.map((i) => (i === 0 ? 0 : (at(i)?.cumulativeCostUsd ?? null))),
    });
  }
  return { iterations, lines };
}
