/**
 * The LLM call log: every call with purpose, node, tokens, cost, latency and attempts; filters by
 * node, purpose and error; a row opens to the exact request and response. Rows are virtualised
 * (only the visible ones are in the DOM), so 10,000 calls scroll smoothly.
 */
import { type CallPurpose, type CallRecord, sumCallRecords } from '@backflow/engine';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useMemo, useRef, useState } from 'react';
import { INPUT } from '../../inspector/fields';
import { type CallFilter, callFacets, filterCalls } from '../derive/call-filter';
import { CallBody } from './CallDetails';
import { ms, usd } from './format';
import { Chip, MUTED } from './primitives';

export interface CallLogProps {
  calls: readonly CallRecord[];
  /** Height of the scrolling list in px (default 360). */
  height?: number;
}

const ROW =
  'grid grid-cols-[3.75rem_minmax(0,5rem)_minmax(0,1fr)_3rem_4rem_3.75rem_1.5rem] items-center gap-1.5 px-2 text-xs';

/** The outcome filter's choices: value and label. */
const OUTCOMES: readonly (readonly [string, string])[] = [
  ['error', 'errors'],
  ['ok', 'succeeded'],
];

/** One filter of the log: "all" (undefined) or one of `options` (value, label). */
function FilterSelect(props: {
  label: string;
  value: string | undefined;
  options: readonly (readonly [string, string])[];
  onChange(value: string | undefined): void;
}) {
  return (
    <label className="flex items-center gap-1">
      {props.label}
      <select
        aria-label={`Filter by ${props.label.toLowerCase()}`}
        className={INPUT}
        value={props.value ?? ''}
        onChange={(e) => props.onChange(e.target.value || undefined)}
      >
        <option value="">all</option>
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The virtualised, filterable call log. */
export const CallLog = memo(function CallLog({ calls, height = 360 }: CallLogProps) {
  const [filter, setFilter] = useState<CallFilter>({});
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const facets = useMemo(() => callFacets(calls), [calls]);
  const shown = useMemo(() => filterCalls(calls, filter), [calls, filter]);
  const sums = useMemo(() => sumCallRecords(shown), [shown]);
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 28,
    overscan: 12,
    getItemKey: (i) => shown[i]?.callId ?? i,
  });
  const toggle = (id: string) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const set = (patch: Partial<CallFilter>) =>
    setFilter((f) => {
      const next: CallFilter = { ...f, ...patch };
      for (const k of Object.keys(next) as (keyof CallFilter)[]) if (!next[k]) delete next[k];
      return next;
    });

  return (
    <section className="flex flex-col gap-2" data-testid="call-log" aria-label="LLM call log">
      <div className="flex flex-wrap items-center gap-2 text-xs">
        <FilterSelect
          label="Node"
          value={filter.nodeId}
          options={facets.nodeIds.map((id) => [id, id])}
          onChange={(nodeId) => set({ nodeId })}
        />
        <FilterSelect
          label="Purpose"
          value={filter.purpose}
          options={facets.purposes.map((p) => [p, p])}
          onChange={(purpose) => set({ purpose: purpose as CallPurpose | undefined })}
        />
        <FilterSelect
          label="Outcome"
          value={filter.outcome}
          options={OUTCOMES}
          onChange={(outcome) => set({ outcome: outcome as CallFilter['outcome'] })}
        />
        <span className={MUTED} data-testid="call-log-count" aria-live="polite">
          {shown.length} of {calls.length} calls · {sums.inputTokens + sums.outputTokens} tokens
          {sums.cachedInputTokens > 0
            ? ` (${sums.cachedInputTokens} input from the prompt cache, marked *)`
            : ''}
          {` · ${usd(sums.costUsd)}`}
        </span>
      </div>
      <div className={`${ROW} font-semibold text-slate-500`} aria-hidden="true">
        <span>purpose</span>
        <span>node</span>
        <span>example · model</span>
        <span className="text-right">tokens</span>
        <span className="text-right">cost</span>
        <span className="text-right">latency</span>
        <span className="text-right">tries</span>
      </div>
      <div
        ref={scroller}
        style={{ height }}
        className="overflow-auto rounded border border-slate-200 dark:border-slate-700"
      >
        <ul className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const call = shown[item.index];
            if (!call) return null;
            const expanded = open.has(call.callId);
            return (
              <li
                key={item.key}
                data-index={item.index}
                ref={virtualizer.measureElement}
                className="absolute left-0 top-0 w-full border-b border-slate-100 dark:border-slate-800"
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <button
                  type="button"
                  className={`${ROW} h-7 w-full text-left hover:bg-slate-50 dark:hover:bg-slate-800`}
                  aria-expanded={expanded}
                  onClick={() => toggle(call.callId)}
                  data-testid="call-row"
                >
                  <span className="flex items-center gap-1">
                    {call.purpose}
                    {call.error !== undefined && <Chip tone="bad">error</Chip>}
                  </span>
                  <span className="truncate font-mono">{call.nodeId ?? '—'}</span>
                  <span className="truncate text-slate-500">
                    {call.exampleId ?? '—'} · {call.model}
                    {call.cached ? ' · cached' : ''}
                  </span>
                  <span
                    className="text-right tabular-nums"
                    title={cachedTitle(call.usage.cachedInputTokens, call.usage.inputTokens)}
                  >
                    {call.usage.inputTokens + call.usage.outputTokens}
                    {call.usage.cachedInputTokens ? <span className="text-slate-500">*</span> : null}
                  </span>
                  <span className="text-right tabular-nums">{usd(call.costUsd)}</span>
                  <span className="text-right tabular-nums">{ms(call.latencyMs)}</span>
                  <span className="text-right tabular-nums">{call.attempts}</span>
                </button>
                {expanded && (
                  <div className="px-2 pb-2">
                    <CallBody call={call} />
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      </div>
    </section>
  );
});

/** The tokens cell's tooltip when the provider served part of the input from its prompt cache. */
function cachedTitle(cached: number | undefined, input: number): string | undefined {
  return cached ? `${cached} of ${input} input tokens from the prompt cache` : undefined;
}
