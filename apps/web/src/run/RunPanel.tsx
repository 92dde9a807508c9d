/**
 * The Run tab: choose an example (or the first N, or type inputs when there is no dataset), run
 * forward, and see per-node status, latency, tokens and cost, and each example's answers.
 */
import { type Example, workflowExampleFields } from '@backflow/engine';
import { useMemo, useRef, useState } from 'react';
import { EvalGrid } from '../eval-grid/EvalGrid';
import { ForwardProgress } from '../eval-grid/ForwardProgress';
import { INPUT } from '../inspector/fields';
import { modelLabel } from '../settings/provider-settings';
import { useStudio, useStudioStore } from '../store/react';
import type { StudioState } from '../store/studio-state';
import { runForwardInStudio } from './run-forward';

const selectInputFields = (s: StudioState) => workflowExampleFields(s.doc.nodes).join(',');

/** The Run panel (lazy-loaded: it pulls in the engine's forward pass and the model clients). */
export default function RunPanel() {
  const store = useStudioStore();
  const dataset = useStudio((s) => s.dataset);
  // Not the whole run: the grid's rows arrive every frame, and this panel (with its list of up to
  // 500 examples) would re-render with each batch.
  const nodes = useStudio((s) => s.run.nodes);
  const running = useStudio((s) => s.run.status === 'running');
  const shownExampleId = useStudio((s) => s.run.shownExampleId);
  const label = useStudio((s) => modelLabel(s.settings.forward));
  const fieldsKey = useStudio(selectInputFields);
  const fields = useMemo(() => (fieldsKey ? [...new Set(fieldsKey.split(','))] : []), [fieldsKey]);
  const [mode, setMode] = useState<'one' | 'first'>('one');
  const [index, setIndex] = useState(0);
  const [count, setCount] = useState(5);
  const [adHoc, setAdHoc] = useState<Record<string, string>>({});
  const abort = useRef<AbortController | null>(null);

  const examples = (): Example[] => {
    if (!dataset)
      return [
        { id: 'ad-hoc', inputs: Object.fromEntries(fields.map((f) => [f, adHoc[f] ?? ''])), target: '' },
      ];
    if (mode === 'one') return dataset.examples.slice(index, index + 1);
    return dataset.examples.slice(0, Math.max(1, count));
  };
  const start = () => {
    abort.current = new AbortController();
    runForwardInStudio(store, examples(), abort.current).catch((err: Error) =>
      store.getState().toast(err.message, { kind: 'error', ms: 8000 }),
    );
  };
  const nodeRows = Object.entries(nodes);
  const totals = nodeRows.reduce(
    (t, [, n]) => ({
      tokens: t.tokens + (n.inputTokens ?? 0) + (n.outputTokens ?? 0),
      cost: t.cost + (n.costUsd ?? 0),
    }),
    { tokens: 0, cost: 0 },
  );

  return (
    <div className="flex flex-col gap-3 p-3">
      <div className="text-xs text-slate-500">
        Forward model:{' '}
        <span className="font-medium text-slate-700 dark:text-slate-200" data-testid="run-model-label">
          {label}
        </span>
      </div>
      {dataset ? (
        <div className="flex flex-col gap-2 text-xs">
          <label className="flex items-center gap-2">
            <input type="radio" checked={mode === 'one'} onChange={() => setMode('one')} />
            Example
            <select
              aria-label="Example to run"
              className={`${INPUT} flex-1`}
              value={index}
              onChange={(e) => setIndex(Number(e.target.value))}
            >
              {dataset.examples.slice(0, 500).map((ex, i) => (
                <option key={ex.id} value={i}>
                  #{i + 1} {Object.values(ex.inputs)[0]?.slice(0, 50)}
                </option>
              ))}
            </select>
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" checked={mode === 'first'} onChange={() => setMode('first')} />
            First
            <input
              aria-label="Number of examples"
              type="number"
              min={1}
              max={dataset.examples.length}
              className={`${INPUT} !w-20`}
              value={count}
              onChange={(e) => setCount(Number(e.target.value))}
            />
            examples
          </label>
        </div>
      ) : (
        <div className="flex flex-col gap-2">
          <p className="text-xs text-slate-500">No dataset: type the input values for one example.</p>
          {fields.map((f) => (
            <label key={f} className="flex flex-col gap-1 text-xs">
              <span className="font-mono">{f}</span>
              <textarea
                aria-label={`Input ${f}`}
                rows={2}
                className={INPUT}
                value={adHoc[f] ?? ''}
                onChange={(e) => setAdHoc({ ...adHoc, [f]: e.target.value })}
              />
            </label>
          ))}
        </div>
      )}
      <div className="flex items-center gap-2">
        {running ? (
          <button
            type="button"
            className="rounded bg-red-700 px-3 py-1.5 text-xs font-semibold text-white"
            onClick={() => abort.current?.abort()}
          >
            Stop
          </button>
        ) : (
          <button
            type="button"
            className="rounded bg-emerald-700 px-3 py-1.5 text-xs font-semibold text-white hover:bg-emerald-800"
            onClick={start}
            data-testid="run-forward"
          >
            Run forward
          </button>
        )}
        <ForwardProgress />
      </div>
      {nodeRows.length > 0 && (
        <table className="w-full text-xs" data-testid="run-nodes">
          <thead>
            <tr className="text-left text-slate-500">
              <th className="font-normal">Node</th>
              <th className="font-normal">Status</th>
              <th className="text-right font-normal">ms</th>
              <th className="text-right font-normal">Tokens</th>
              <th className="text-right font-normal">Cost</th>
            </tr>
          </thead>
          <tbody>
            {nodeRows.map(([id, n]) => (
              <tr key={id} className="border-t border-slate-100 dark:border-slate-800">
                <td className="py-1 font-mono">
                  <button
                    type="button"
                    className="hover:underline"
                    onClick={() => store.getState().focusNode(id)}
                  >
                    {id}
                  </button>
                </td>
                <td
                  className={
                    n.status === 'ok'
                      ? 'text-emerald-700 dark:text-emerald-400'
                      : n.status === 'running'
                        ? 'text-sky-600'
                        : 'text-red-600'
                  }
                >
                  {n.status}
                </td>
                <td className="text-right">{n.latencyMs !== undefined ? Math.round(n.latencyMs) : ''}</td>
                <td className="text-right">
                  {n.outputTokens !== undefined ? (n.inputTokens ?? 0) + n.outputTokens : ''}
                </td>
                <td className="text-right">{n.costUsd !== undefined ? `$${n.costUsd.toFixed(5)}` : ''}</td>
              </tr>
            ))}
            <tr className="border-t border-slate-200 font-semibold dark:border-slate-700">
              <td colSpan={3}>Total (example {shownExampleId ?? 'shown'})</td>
              <td className="text-right">{totals.tokens}</td>
              <td className="text-right">${totals.cost.toFixed(5)}</td>
            </tr>
          </tbody>
        </table>
      )}
      <EvalGrid />
    </div>
  );
}
