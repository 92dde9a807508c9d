import type { Dataset } from '@backflow/engine';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';

const ROW = 28;

/** A virtualised table of examples: only the visible rows are in the DOM. */
export function ExampleTable({ dataset }: { dataset: Dataset }) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: dataset.examples.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW,
    overscan: 10,
  });
  const cols = `2.5rem 3rem repeat(${dataset.fields.length}, minmax(0, 2fr)) minmax(0, 1fr)`;
  return (
    <div
      className="flex min-h-0 flex-1 flex-col text-xs"
      data-testid="example-table"
      data-rows={dataset.examples.length}
    >
      <div
        className="grid border-b border-slate-200 bg-slate-50 font-semibold text-slate-500 dark:border-slate-700 dark:bg-slate-800"
        style={{ gridTemplateColumns: cols }}
      >
        <span className="px-1 py-1">#</span>
        <span className="px-1 py-1">split</span>
        {dataset.fields.map((f) => (
          <span key={f} className="truncate px-1 py-1 font-mono">
            {f}
          </span>
        ))}
        <span className="px-1 py-1 font-mono">target</span>
      </div>
      <div ref={scroller} className="min-h-0 flex-1 overflow-auto" style={{ maxHeight: 480 }}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const ex = dataset.examples[item.index];
            if (!ex) return null;
            return (
              <div
                key={ex.id}
                className="absolute left-0 grid w-full border-b border-slate-100 dark:border-slate-800"
                style={{ gridTemplateColumns: cols, height: ROW, transform: `translateY(${item.start}px)` }}
              >
                <span className="px-1 py-1.5 text-slate-400">{item.index + 1}</span>
                <span className="px-1 py-1.5 text-slate-500">{ex.split ?? ''}</span>
                {dataset.fields.map((f) => (
                  <span key={f} className="truncate px-1 py-1.5" title={ex.inputs[f]}>
                    {ex.inputs[f]}
                  </span>
                ))}
                <span className="truncate px-1 py-1.5 font-mono" title={ex.target}>
                  {ex.target}
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
