/** The uPlot canvas behind {@link MetricCurves} (lazy-loaded: it pulls in uplot). */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { type CurveData, costRange } from '../derive/curve-data';

const COLORS = ['#0284c7', '#059669', '#d97706', '#7c3aed', '#db2777', '#475569'];

/** Draws `data`; resizes with its container; colours follow the light/dark theme's axes. */
export default function UplotChart({
  data,
  height,
  title,
}: {
  data: CurveData;
  height: number;
  title: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const dark = el.closest('.dark') !== null;
    const axisStroke = dark ? '#94a3b8' : '#475569';
    const grid = { stroke: dark ? '#334155' : '#e2e8f0', width: 1 };
    const opts: uPlot.Options = {
      // No canvas title: the panel's "Curves" heading names the chart (uPlot's title is a 1.5 em
      // bold line that wraps in a 400 px panel); `title` labels the chart for screen readers.
      width: Math.max(200, el.clientWidth),
      height,
      scales: { x: { time: false }, score: { range: [0, 1] }, usd: { range: () => costRange(data) } },
      // The legend is drawn below by React (styled like the rest of the panel, wraps at any width).
      legend: { show: false },
      axes: [
        // Iterations are whole numbers: ticks at integer steps only.
        {
          stroke: axisStroke,
          grid,
          label: 'iteration',
          incrs: [1, 2, 5, 10, 20, 50, 100],
          values: (_u, v) => v.map((x) => String(x)),
        },
        {
          scale: 'score',
          stroke: axisStroke,
          grid,
          values: (_u, v) => v.map((x) => `${Math.round(x * 100)}%`),
        },
        {
          scale: 'usd',
          size: 70,
          side: 1,
          stroke: axisStroke,
          grid: { show: false },
          values: (_u, v) => v.map((x) => `$${x.toFixed(x !== 0 && Math.abs(x) < 0.1 ? 4 : 2)}`),
        },
      ],
      series: [
        { label: 'iteration' },
        ...data.lines.map((line, i) => ({
          label: line.label,
          scale: line.scale,
          stroke: COLORS[i % COLORS.length],
          dash: line.scale === 'usd' ? [4, 4] : undefined,
          width: 2,
          spanGaps: true,
        })),
      ],
    };
    const plot = new uPlot(opts, [data.iterations, ...data.lines.map((l) => l.values)], el);
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(200, el.clientWidth), height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [data, height]);
  return (
    <div className="flex flex-col gap-1">
      <div ref={host} role="img" aria-label={title} data-testid="uplot-chart" />
      <ul
        className="flex flex-wrap gap-x-3 gap-y-0.5 text-[11px] text-slate-600 dark:text-slate-300"
        data-testid="chart-legend"
        aria-label="Chart legend"
      >
        {data.lines.map((line, i) => (
          <li key={line.label} className="flex items-center gap-1.5">
            <svg width="18" height="6" aria-hidden="true">
              <line
                x1="0"
                y1="3"
                x2="18"
                y2="3"
                stroke={COLORS[i % COLORS.length]}
                strokeWidth="2"
                strokeDasharray={line.scale === 'usd' ? '4 3' : undefined}
              />
            </svg>
            {line.label}
            <span className="text-slate-400">{line.scale === 'usd' ? '(right axis, $)' : ''}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
