import { type CodeNode, exampleFieldsOf } from '@backflow/engine';
import { useState } from 'react';
import { runCodeNode } from '../engine-adapters/code-node';
import { useStudio, useStudioStore } from '../store/react';
import { INPUT } from './fields';

/**
 * Runs a code node on one example: inputs from input nodes come from the example, inputs from
 * other nodes from their latest run output (empty when they have not run yet, and said so).
 */
export function CodeTestRun({ node }: { node: CodeNode }) {
  const store = useStudioStore();
  const examples = useStudio((s) => s.dataset?.examples);
  const [index, setIndex] = useState(0);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const run = () => {
    const { doc, run: lastRun } = store.getState();
    const example = examples?.[index];
    const inputs: Record<string, string> = {};
    const notes: string[] = [];
    for (const e of doc.edges.filter((x) => x.target === node.id)) {
      const source = doc.nodes.find((n) => n.id === e.source);
      if (source && exampleFieldsOf(source).length > 0)
        inputs[e.targetInput] = example?.inputs[e.sourceField ?? ''] ?? '';
      else {
        const out = lastRun.nodes[e.source]?.output;
        if (out === undefined) notes.push(`"${e.source}" has not run yet: {{${e.targetInput}}} is empty.`);
        inputs[e.targetInput] = out ?? '';
      }
    }
    runCodeNode(node.code, inputs).then(
      (out) => setResult({ ok: true, text: [out, ...notes.map((n) => `\n(${n})`)].join('') }),
      (err: Error) => setResult({ ok: false, text: err.message }),
    );
  };
  return (
    <div className="flex flex-col gap-1.5 rounded border border-slate-200 p-2 dark:border-slate-700">
      <div className="flex items-center gap-2">
        <span className="text-xs font-semibold">Test run on example</span>
        <select
          aria-label="Example"
          className={`${INPUT} !w-auto flex-1`}
          value={index}
          onChange={(e) => setIndex(Number(e.target.value))}
        >
          {(examples ?? []).slice(0, 200).map((ex, i) => (
            <option key={ex.id} value={i}>
              #{i + 1} {Object.values(ex.inputs)[0]?.slice(0, 40)}
            </option>
          ))}
          {!examples && <option value={0}>(no dataset: inputs are empty)</option>}
        </select>
        <button
          type="button"
          className="rounded bg-slate-800 px-2 py-1 text-xs text-white dark:bg-slate-200 dark:text-slate-900"
          onClick={run}
        >
          Run
        </button>
      </div>
      {result && (
        <pre
          className={`whitespace-pre-wrap rounded p-1.5 font-mono text-xs ${result.ok ? 'bg-slate-50 dark:bg-slate-800' : 'bg-red-50 text-red-700 dark:bg-red-950 dark:text-red-300'}`}
          data-testid="code-test-result"
        >
          {result.text}
        </pre>
      )}
    </div>
  );
}
