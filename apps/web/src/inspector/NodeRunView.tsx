import { useStudio } from '../store/react';

/** The node's state in the latest forward run: status, output, latency, tokens, cost, messages. */
export function NodeRunView({ nodeId }: { nodeId: string }) {
  const run = useStudio((s) => s.run.nodes[nodeId]);
  const modelLabel = useStudio((s) => s.run.modelLabel);
  if (!run) return null;
  return (
    <section
      className="flex flex-col gap-1 border-t border-slate-200 pt-3 dark:border-slate-700"
      data-testid="inspector-run"
    >
      <div className="flex items-center gap-2 text-[11px] font-semibold uppercase tracking-wide text-slate-500">
        Latest run <span className="font-normal normal-case">· {run.status}</span>
      </div>
      <div className="text-[11px] text-slate-500">
        {modelLabel}
        {run.latencyMs !== undefined && ` · ${Math.round(run.latencyMs)} ms`}
        {run.outputTokens !== undefined && ` · ${run.inputTokens ?? 0} in / ${run.outputTokens} out tokens`}
        {run.costUsd !== undefined && ` · $${run.costUsd.toFixed(5)}`}
      </div>
      <pre className="max-h-48 overflow-auto whitespace-pre-wrap rounded bg-slate-50 p-2 font-mono text-xs dark:bg-slate-800">
        {run.status === 'error' || run.status === 'skipped' ? run.error : run.output}
      </pre>
      {run.messages && (
        <details className="text-xs">
          <summary className="cursor-pointer text-slate-500">Messages sent</summary>
          {run.messages.map((m, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: messages are a fixed list per run
            <div key={i} className="mt-1">
              <span className="font-semibold">{m.role}</span>
              <pre className="whitespace-pre-wrap rounded bg-slate-50 p-1.5 font-mono dark:bg-slate-800">
                {m.content}
              </pre>
            </div>
          ))}
        </details>
      )}
    </section>
  );
}
