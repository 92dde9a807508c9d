/** Accuracy per split with its 95% Wilson interval, as a compact line of figures. */
import { useMemo } from 'react';
import type { ExampleRow } from '../store/run-state';
import { accuracyBySplit } from './grid-model';

const SPLIT_LABEL = { all: 'All', train: 'Train', val: 'Validation', test: 'Test', unsplit: 'Unsplit' };

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** "All 14/20 · 70% (48–85%)" and the same per split. */
export function AccuracySummary({ rows }: { rows: readonly ExampleRow[] }) {
  const splits = useMemo(() => accuracyBySplit(rows), [rows]);
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs" data-testid="eval-accuracy">
      {splits.map((s) => (
        <div key={s.split} className="contents" data-split={s.split}>
          <dt className="text-slate-500">{SPLIT_LABEL[s.split]}</dt>
          <dd className="tabular-nums" title="95% Wilson interval in brackets">
            <span className="font-semibold">{pct(s.accuracy)}</span> · {s.passed}/{s.n} passed{' '}
            <span className="text-slate-500">
              (95% CI {pct(s.low)}–{pct(s.high)})
            </span>
          </dd>
        </div>
      ))}
    </dl>
  );
}
