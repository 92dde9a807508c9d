/**
 * The loss applied to the shown example's answer at this output node, as the next run would score
 * it: score, pass/fail and feedback. A judge is a model call, so it runs only on request.
 */
import {
  evaluateLoss,
  expectedValue,
  type LossResult,
  type LossSpec,
  type OutputNode,
} from '@backflow/engine';
import { useEffect, useState } from 'react';
import { providerOf } from '../optimize/form';
import type { StudioSettings } from '../settings/provider-settings';
import { useStudio } from '../store/react';

type Preview = { state: 'idle' } | { state: 'busy' } | { state: 'done'; result: LossResult };

/** Scores `output` against `target` with `spec` in the studio's context (sandboxed JS, the optimizer model). */
async function scoreNow(
  settings: StudioSettings,
  spec: LossSpec,
  args: { output: string; target: string; exampleId: string; nodeId: string },
) {
  const { output, target, exampleId, nodeId } = args;
  // The model factory and the sandbox load on request, not with the inspector.
  const [{ buildStudioModels }, { studioCodeRunner }] = await Promise.all([
    import('../engine-adapters/models'),
    import('../engine-adapters/code-node'),
  ]);
  const ctx = {
    ...buildStudioModels(providerOf(settings)),
    codeRunner: studioCodeRunner,
  };
  return evaluateLoss(ctx, spec, {
    output,
    target,
    example: { id: exampleId, inputs: {}, target },
    nodeId,
    callKey: `preview/judge/${nodeId}/${exampleId}`,
  });
}

/** The preview under the loss editor of output node `node`. */
export function LossPreview({
  node,
  spec,
  problem,
}: {
  node: OutputNode;
  spec: LossSpec;
  problem: string | null;
}) {
  const settings = useStudio((s) => s.settings);
  const shownId = useStudio((s) => s.run.shownExampleId ?? s.run.exampleIds.at(-1));
  const example = useStudio((s) => s.dataset?.examples.find((e) => e.id === shownId));
  const output = useStudio((s) =>
    s.run.nodes[node.id]?.status === 'ok' ? s.run.nodes[node.id]?.output : undefined,
  );
  const target = example ? expectedValue(node, example) : undefined;
  const [preview, setPreview] = useState<Preview>({ state: 'idle' });
  const ready = output !== undefined && target !== undefined && shownId !== undefined && problem === null;
  const run = () => {
    if (!ready) return;
    setPreview({ state: 'busy' });
    void scoreNow(settings, spec, { output, target, exampleId: shownId, nodeId: node.id }).then((result) =>
      setPreview({ state: 'done', result }),
    );
  };
  // Every kind but the judge scores on every edit (no model call).
  // biome-ignore lint/correctness/useExhaustiveDependencies: `run` is re-created from these inputs.
  useEffect(() => {
    if (spec.kind === 'judge') setPreview({ state: 'idle' });
    else run();
  }, [spec, output, target, shownId, problem]);

  if (problem) return null;
  if (output === undefined || target === undefined)
    return (
      <p className="text-[11px] text-slate-500" data-testid="loss-preview">
        {shownId === undefined
          ? 'Run forward (Run tab) to preview this loss on an example.'
          : target === undefined
            ? `Example ${shownId} has no value "${node.targetKey}" to score against.`
            : `No answer reached this output for example ${shownId}.`}
      </p>
    );
  return (
    <div
      className="flex flex-col gap-1 rounded border border-slate-200 p-2 text-xs dark:border-slate-700"
      data-testid="loss-preview"
    >
      <div className="text-[11px] text-slate-500">
        Preview on example <span className="font-mono">{shownId}</span>: target{' '}
        <span className="font-mono">{target}</span>
      </div>
      {preview.state === 'done' ? (
        <>
          <div data-passed={preview.result.passed === true}>
            <span
              className={`rounded px-1 py-0.5 text-[10px] font-semibold ${preview.result.passed ? 'bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300' : 'bg-rose-100 text-rose-800 dark:bg-rose-950 dark:text-rose-300'}`}
            >
              {preview.result.passed ? 'pass' : 'fail'}
            </span>{' '}
            score {preview.result.score.toFixed(2)}
          </div>
          {preview.result.feedback && (
            <div className="whitespace-pre-wrap break-words text-slate-600 dark:text-slate-300">
              {preview.result.feedback}
            </div>
          )}
          {preview.result.error && preview.result.error !== preview.result.feedback && (
            <div className="text-rose-700 dark:text-rose-300">{preview.result.error}</div>
          )}
        </>
      ) : preview.state === 'busy' ? (
        <div className="text-slate-500">Scoring…</div>
      ) : null}
      {spec.kind === 'judge' && (
        <button
          type="button"
          className="self-start rounded border border-slate-300 px-2 py-0.5 text-[11px] dark:border-slate-600"
          onClick={run}
        >
          Ask the judge (one model call)
        </button>
      )}
    </div>
  );
}
