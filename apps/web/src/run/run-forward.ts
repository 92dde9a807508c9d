/**
 * Runs the open workflow forward in the engine Worker (the `startForward` command; inline where no
 * Worker exists) and streams every node's result into the store as the engine reports it: the
 * answer text while the model streams it (once per animation frame), then the settled result. Each
 * finished example is scored on this page and added to the evaluation grid. Run state never enters
 * the undo history.
 */
import {
  type ChatModel,
  costOf,
  type Example,
  type ExampleTrace,
  type ForwardEvent,
  type ForwardResultEvent,
  type NodeTrace,
  pricesOf,
  type RunContext,
  type StartForwardCommand,
} from '@backflow/engine';
import { studioCodeRunner } from '../engine-adapters/code-node';
import { createExampleRecorder } from '../eval-grid/record-example';
import { providerOf } from '../optimize/form';
import { modelLabel } from '../settings/provider-settings';
import type { StudioStore } from '../store/create-store';
import type { NodeRun } from '../store/data-slice';
import { problemsOf } from '../store/selectors';
import { createEngineClient } from '../worker/client';
import type { HostMessage } from '../worker/protocol';
import { createPartialFrames } from './partial-frames';

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
 * The model of the context the grid scores examples with on this page: none is ever called, since
 * the page applies only the losses that call no model and leaves a judge loss to the engine's own
 * scores (eval-grid/record-example.ts).
 */
const NO_PAGE_MODEL: ChatModel = {
  label: 'no model on the page',
  simulated: false,
  complete: () => Promise.reject(new Error('A judge loss is scored by the engine, not on the page.')),
};

/**
 * Runs `examples` through the workflow. Node states on the canvas follow the LAST example (the one
 * chosen, when a single one is run); each finished example is scored and added to the evaluation
 * grid. `abort` stops the run (opening another workflow uses it too).
 */
export async function runForwardInStudio(
  store: StudioStore,
  examples: Example[],
  abort: AbortController,
): Promise<void> {
  const { signal } = abort;
  const { doc, settings } = store.getState();
  const errors = problemsOf(doc).problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    store.getState().finishRun('error', `Fix the workflow first: ${errors[0]?.message}`);
    throw new Error(errors[0]?.message);
  }
  const shown = examples.at(-1)?.id;
  const provider = providerOf(settings);
  const prices = pricesOf(provider);
  const modelName = settings.forward.model;
  const price = (usage: NonNullable<NodeTrace['usage']>) => costOf(modelName, usage, prices);
  store.getState().startRun(
    modelLabel(settings.forward),
    examples.map((e) => e.id),
    abort,
  );
  const scoring: RunContext = {
    forwardModel: NO_PAGE_MODEL,
    optimizerModel: NO_PAGE_MODEL,
    signal,
    codeRunner: studioCodeRunner,
  };
  const recorder = createExampleRecorder(store, scoring, doc, examples, (t) => toNodeRun(t, price));
  const partials = createPartialFrames((latest) => {
    for (const [nodeId, output] of latest) store.getState().setNodeRun(nodeId, { status: 'running', output });
  });
  const onEvent = (event: ForwardEvent) => {
    if (event.type === 'exampleFinished') return recorder.finished(event.trace);
    if (event.type === 'nodeStarted') store.getState().setNodeRun(event.nodeId, { status: 'running' });
    else if (event.type === 'nodePartial') partials.push(event.nodeId, event.text);
    else {
      partials.drop(event.nodeId);
      store.getState().setNodeRun(event.nodeId, toNodeRun(event.trace, price));
    }
  };
  try {
    const { traces, scores } = await forwardInEngine(
      {
        type: 'startForward',
        runId: `run-${Date.now()}`,
        workflow: doc,
        examples,
        provider,
        stream: true,
        ...(shown ? { watch: shown } : {}),
      },
      onEvent,
      signal,
    );
    await recorder.settled(scores);
    const failed = traces.filter((t) => Object.values(t.nodes).some((n) => n.status !== 'ok')).length;
    store
      .getState()
      .finishRun(
        'done',
        `${examples.length - failed} of ${examples.length} examples completed${failed ? `, ${failed} failed` : ''}.`,
      );
  } catch (err) {
    partials.cancel();
    const aborted = signal.aborted;
    store.getState().finishRun(aborted ? 'aborted' : 'error', aborted ? 'Stopped.' : (err as Error).message);
    if (!aborted) throw err;
  }
}

/**
 * Sends one `startForward` command to a fresh engine client and resolves with its traces; live
 * node events go to `onEvent`. Aborting stops the run in the engine and ends the Worker.
 */
function forwardInEngine(
  command: StartForwardCommand,
  onEvent: (event: ForwardEvent) => void,
  signal: AbortSignal,
): Promise<{ traces: ExampleTrace[]; scores: ForwardResultEvent['scores'] }> {
  return new Promise((resolve, reject) => {
    const finish = (settle: () => void) => {
      signal.removeEventListener('abort', onAbort);
      client.dispose();
      settle();
    };
    const onMessage = (message: HostMessage) => {
      if (message.runId !== command.runId) return;
      if (message.type === 'forwardProgress') onEvent(message.event);
      else if (message.type === 'forwardResult')
        finish(() => resolve({ traces: message.traces, scores: message.scores }));
      else if (message.type === 'commandRejected') finish(() => reject(new Error(message.message)));
    };
    const client = createEngineClient(onMessage);
    const onAbort = () => {
      client.send({ type: 'abort', runId: command.runId });
      finish(() => reject(new Error('Stopped.')));
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    client.send(command);
  });
}
