import { useStudio, useStudioStore } from '../store/react';
import { problemsOf } from '../store/selectors';
import type { StudioState } from '../store/studio-state';

const selectProblems = (s: StudioState) => problemsOf(s.doc).problems;

/** The engine's validation as a list; clicking a problem focuses its node. */
export function ProblemsPanel() {
  const problems = useStudio(selectProblems);
  const store = useStudioStore();
  if (problems.length === 0) return <p className="p-3 text-slate-500">No problems: the workflow is valid.</p>;
  return (
    <ul className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="problems-list">
      {problems.map((p) => (
        <li key={`${p.code}-${p.nodeId ?? p.edgeId ?? ''}-${p.field ?? ''}-${p.message}`}>
          <button
            type="button"
            disabled={!p.nodeId}
            onClick={() => p.nodeId && store.getState().focusNode(p.nodeId)}
            className="flex w-full gap-2 px-3 py-2 text-left hover:bg-slate-50 disabled:cursor-default dark:hover:bg-slate-800/60"
          >
            <span
              className={`mt-0.5 h-2 w-2 shrink-0 rounded-full ${p.severity === 'error' ? 'bg-red-500' : 'bg-amber-400'}`}
            />
            <span className="min-w-0">
              <span className="block">{p.message}</span>
              <span className="font-mono text-[10.5px] text-slate-400">
                {p.code}
                {p.nodeId ? ` · ${p.nodeId}` : ''}
              </span>
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
