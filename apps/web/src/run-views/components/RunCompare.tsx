/** Two runs side by side: their curves on one chart, and each node's final prompt, A against B. */
import { memo, useMemo } from 'react';
import type { MetricSeries } from '../derive/metrics';
import { pct } from './format';
import { MetricCurves } from './MetricCurves';
import { PromptDiffView } from './PromptDiffView';
import { HEADING, MUTED } from './primitives';

/** One side of the comparison. */
export interface CompareSide {
  label: string;
  series: MetricSeries;
  /** Final prompt per llm node id. */
  prompts: Record<string, string>;
  valScore: number | null;
}

export interface RunCompareProps {
  a: CompareSide;
  b: CompareSide;
  /** Plain text diffs and a table instead of the chart (tests, print). */
  plain?: boolean;
}

/** The compare view. */
export const RunCompare = memo(function RunCompare({ a, b, plain = false }: RunCompareProps) {
  const runs = useMemo(
    () => [
      { label: a.label, series: a.series },
      { label: b.label, series: b.series },
    ],
    [a, b],
  );
  const nodeIds = useMemo(
    () => [...new Set([...Object.keys(a.prompts), ...Object.keys(b.prompts)])].sort(),
    [a, b],
  );
  return (
    <section
      className="flex flex-col gap-3"
      data-testid="run-compare"
      aria-label={`Compare ${a.label} and ${b.label}`}
    >
      <p className="text-xs">
        Final validation: <strong>{a.label}</strong> {pct(a.valScore)} · <strong>{b.label}</strong>{' '}
        {pct(b.valScore)}
      </p>
      <MetricCurves runs={runs} tableOnly={plain} />
      <span className={HEADING}>Final prompts</span>
      {nodeIds.map((id) => {
        const pa = a.prompts[id] ?? '';
        const pb = b.prompts[id] ?? '';
        return (
          <div key={id} className="flex flex-col gap-1">
            <span className="font-mono text-xs">
              {id} {pa === pb && <span className={MUTED}>(identical)</span>}
            </span>
            <PromptDiffView
              before={pa}
              after={pb}
              label={`Final prompt of ${id}`}
              beforeLabel={a.label}
              afterLabel={b.label}
              plain={plain}
            />
          </div>
        );
      })}
    </section>
  );
});
