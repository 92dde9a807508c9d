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

/** The smallest top of the cost axis: a $0 run (the simulator, a cache) shows $0 to $0.01. */
export const COST_AXIS_FLOOR_USD = 0.01;

/**
 * The cost axis's range from the data: 0 to a little above the highest cumulative cost, never
 * below {@link COST_AXIS_FLOOR_USD} (uPlot's own range for all-zero data runs to 100, which reads
 * as $100 for a free run).
 */
export function costRange(data: CurveData): [number, number] {
  const costs = data.lines
    .filter((l) => l.scale === 'usd')
    .flatMap((l) => l.values)
    .filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  return [0, Math.max(COST_AXIS_FLOOR_USD, Math.max(0, ...costs) * 1.15)];
}
