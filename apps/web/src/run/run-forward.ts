/**
 * Runs the open workflow forward in this tab (the engine Worker comes with a later issue) and
 * streams every node's result into the store as the engine reports it: the answer text while the
 * model streams it (once per animation frame), then the settled result. Run state never enters
 * the undo history.
 */
import type { Example, NodeTrace } from '@backflow/engine';
import { runForward } from '@backflow/engine/forward/index.ts';
import { costOf } from '@backflow/engine/providers/accounting.ts';
import { studioCodeRunner } from '../engine-adapters/code-node';
import { createChatModel } from '../engine-adapters/models';
import { createExampleRecorder } from '../eval-grid/record-example';
import { modelLabel } from '../settings/provider-settings';
import type { StudioStore } from '../store/create-store';
import type { NodeRun } from '../store/data-slice';
import { problemsOf } from '../store/selectors';
import { createPartialFrames } from './partial-frames';

/** Final answers of one example, for the Run panel's result list. */
export interface ExampleResult {
  exampleId: string;
  target: string;
  outputs: Record<string, string>;
  failed: boolean;
}

/** A node's trace as the studio shows it, priced. */
export function toNodeRun(
  trace: NodeTrace,
  price: (usage: NonNullable<NodeTrace['usage']>) => number,
): NodeRun {
  return {
    status: trace.status,
    ...(trace.output !== undefined
      ? { output: trace.output }
      : trace.status === 'ok'
        ? { output: Object.values(trace.inputs).join('\n') }
        : {}),
    ...(trace.error ? { error: trace.error } : {}),
    ...(trace.latencyMs !== undefined ? { latencyMs: trace.latencyMs } : {}),
    ...(trace.usage
      ? {
          inputTokens: trace.usage.inputTokens,
          outputTokens: trace.usage.outputTokens,
          costUsd: price(trace.usage),
        }
      : {}),
    ...(trace.messages ? { messages: trace.messages } : {}),
  };
}

/**
 * Runs `examples` through the workflow. Node states on the canvas follow the LAST example (the one
 * chosen, when a single one is run); each finished example is scored and added to the evaluation
 * grid. `abort` stops the run (opening another workflow uses it too). Resolves with each example's final outputs.
 */
export async function runForwardInStudio(
  store: StudioStore,
  examples: Example[],
  abort: AbortController,
): Promise<ExampleResult[]> {
  const { signal } = abort;
  const { doc, settings } = store.getState();
  const errors = problemsOf(doc).problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    store.getState().finishRun('error', `Fix the workflow first: ${errors[0]?.message}`);
    throw new Error(errors[0]?.message);
  }
  const shown = examples.at(-1)?.id;
  const model = createChatModel(settings.forward);
  const modelName = settings.forward.preset === 'simulated' ? 'backflow-sim' : settings.forward.model;
  const prices = {
    [modelName]: {
      inputPerMTok: settings.forward.priceInPerMTok,
      outputPerMTok: settings.forward.priceOutPerMTok,
    },
  };
  const price = (usage: NonNullable<NodeTrace['usage']>) => costOf(modelName, usage, prices);
  store.getState().startRun(
    modelLabel(settings.forward),
    examples.map((e) => e.id),
    abort,
  );
  const ctx = { forwardModel: model, optimizerModel: model, signal, codeRunner: studioCodeRunner() };
  const recorder = createExampleRecorder(store, ctx, doc, examples, (t) => toNodeRun(t, price));
  const partials = createPartialFrames((latest) => {
    for (const [nodeId, output] of latest) store.getState().setNodeRun(nodeId, { status: 'running', output });
  });
  try {
    const traces = await runForward(ctx, {
      workflow: doc,
      examples,
      stream: true,
      onEvent(event) {
        if (event.type === 'exampleFinished') return recorder.finished(event.trace);
        if (event.exampleId !== shown) return;
        if (event.type === 'nodeStarted') store.getState().setNodeRun(event.nodeId, { status: 'running' });
        else if (event.type === 'nodePartial') partials.push(event.nodeId, event.text);
        else {
          partials.drop(event.nodeId);
          store.getState().setNodeRun(event.nodeId, toNodeRun(event.trace, price));
        }
      },
    });
    await recorder.settled();
    const results = traces.map((t, i) => ({
      exampleId: t.exampleId,
      target: examples[i]?.target ?? '',
      outputs: t.outputs,
      failed: Object.values(t.nodes).some((n) => n.status !== 'ok'),
    }));
    const failed = results.filter((r) => r.failed).length;
    store
      .getState()
      .finishRun(
        'done',
        `${examples.length - failed} of ${examples.length} examples completed${failed ? `, ${failed} failed` : ''}.`,
      );
    return results;
  } catch (err) {
    partials.cancel();
    const aborted = signal.aborted;
    store.getState().finishRun(aborted ? 'aborted' : 'error', aborted ? 'Stopped.' : (err as Error).message);
    if (aborted) return [];
    throw err;
  }
}
