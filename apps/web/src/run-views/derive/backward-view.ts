/**
 * The per-node, per-iteration backward view model: for every back-propagated example, what the node
 * saw and produced, what it was told (with provenance), what it told its predecessors, and the calls
 * behind each piece. Pure; the BackwardTab renders it.
 */
import {
  type BackwardFailure,
  type BackwardSignal,
  type CallRecord,
  type CallSums,
  type CounterfactualCheck,
  type NodeBlame,
  type NodeEvidence,
  type SessionEvent,
  sumCallRecords,
} from '@backflow/engine';
import { indexCalls, recordsFor } from './calls';
import { eventsOfType } from './events';

/** One backward message, as shown: the engine's signal (its example implied), `about` resolved. */
export interface SignalView extends Omit<BackwardSignal, 'exampleId' | 'about'> {
  about: 'output' | 'prompt';
}

/** Everything about one node on one back-propagated example. */
export interface ExampleBackwardView {
  exampleId: string;
  /** The node's named inputs on this example (forward trace). */
  input: Record<string, string>;
  output?: string;
  /** The forward call that produced `output`. */
  forwardCallId?: string;
  /** The example's overall score in the minibatch, [0, 1]. */
  score?: number;
  /** GTBP: the node's (reconciled) target. */
  target?: string;
  /** GTBP: the successors' targets merged into `target`, when several differed. */
  targetSources?: { from: string; target: string }[];
  /** Messages about this node's output, from its successors (or the loss). */
  received: SignalView[];
  /** TextGrad: gradients on this node's own prompt. */
  promptSignals: SignalView[];
  /** Messages this node sent to its predecessors. */
  emitted: SignalView[];
  /** The received messages concatenated (how every method aggregates several successors). */
  aggregated: string;
  failures: BackwardFailure[];
  /**
   * The backward calls behind this example's view: this node's own step calls, plus the calls
   * that produced the messages it received. Semantic backprop and GTBP make those calls AT the
   * successor (one call about all its predecessors), so a node without trainable predecessors
   * (a culprit right after the input) has no call of its own and would otherwise show none.
   */
  callIds: string[];
  /** Of `callIds`, the ones made at a successor (or the loss) about this node. */
  receivedCallIds: string[];
  sums: CallSums;
}

/** The view for one node and one iteration; `reached` is false until the walk got there. */
export interface NodeBackwardView {
  nodeId: string;
  iteration: number;
  reached: boolean;
  /** 0-based position in the iteration's backward walk (undefined when not reached). */
  walkIndex?: number;
  /** The error batch, in order. */
  exampleIds: string[];
  examples: ExampleBackwardView[];
  blame?: NodeBlame;
  /** The examples behind the blame (absent for runs recorded before evidence existed). */
  evidence?: NodeEvidence;
  /** Whether this node's proposal alone fixed its failing examples (when the check ran). */
  counterfactual?: CounterfactualCheck;
  /**
   * Every call of this node's backward step (all examples), plus the successor calls that produced
   * the messages it received on the error batch (see {@link ExampleBackwardView.callIds}).
   */
  callIds: string[];
  sums: CallSums;
}

function toView(s: BackwardSignal): SignalView {
  return {
    kind: s.kind,
    nodeId: s.nodeId,
    fromNodeId: s.fromNodeId,
    text: s.text,
    ...(s.suggestedValue === undefined ? {} : { suggestedValue: s.suggestedValue }),
    asksForChange: s.asksForChange,
    siblingOutputs: s.siblingOutputs,
    ...(s.callId === undefined ? {} : { callId: s.callId }),
    about: s.about ?? 'output',
  };
}

/**
 * Derives the backward view of `nodeId` in `iteration` from the run's events and call records.
 * The last event of each kind in the iteration wins (a resumed unit may have been re-emitted).
 */
export function nodeBackwardView(
  events: readonly SessionEvent[],
  calls: readonly CallRecord[],
  nodeId: string,
  iteration: number,
): NodeBackwardView {
  const inIteration = events.filter((e) => e.iteration === iteration);
  const forward = eventsOfType(inIteration, 'forwardDone').at(-1);
  const loss = eventsOfType(inIteration, 'lossComputed').at(-1);
  const walk = eventsOfType(inIteration, 'backwardNode');
  const step = walk.filter((e) => e.nodeId === nodeId).at(-1);
  const pass = eventsOfType(inIteration, 'blameComputed').at(-1);
  const blame = pass?.blame[nodeId];
  const evidence = pass?.evidence?.[nodeId];
  const counterfactual = eventsOfType(inIteration, 'updateProposed').findLast(
    (e) => e.nodeId === nodeId,
  )?.counterfactual;
  const index = indexCalls(calls);
  const stepCalls = recordsFor(index, step?.callIds ?? []);
  const exampleIds = loss?.errorBatch ?? [];
  const examples = exampleIds.map((exampleId): ExampleBackwardView => {
    const trace = forward?.traces.find((t) => t.exampleId === exampleId)?.nodes[nodeId];
    const received = (step?.received ?? []).filter((s) => s.exampleId === exampleId && s.about !== 'prompt');
    const emitted = (step?.emitted ?? []).filter((s) => s.exampleId === exampleId);
    const promptSignals = (step?.promptSignals ?? []).filter((s) => s.exampleId === exampleId);
    const failures = (step?.failures ?? []).filter((f) => f.exampleId === exampleId);
    const ids = new Set<string>();
    const receivedIds = new Set<string>();
    for (const s of received) if (s.callId) receivedIds.add(s.callId);
    for (const id of receivedIds) ids.add(id);
    for (const s of [...emitted, ...promptSignals]) if (s.callId) ids.add(s.callId);
    for (const f of failures) if (f.callId) ids.add(f.callId);
    for (const c of stepCalls) if (c.exampleId === exampleId) ids.add(c.callId);
    const target = step?.targets?.[exampleId];
    const sources = step?.targetSources?.[exampleId];
    const score = loss?.scores.find((s) => s.exampleId === exampleId)?.score;
    return {
      exampleId,
      input: trace?.inputs ?? {},
      ...(trace?.output === undefined ? {} : { output: trace.output }),
      ...(trace?.callId === undefined ? {} : { forwardCallId: trace.callId }),
      ...(score === undefined ? {} : { score }),
      ...(target === undefined ? {} : { target }),
      ...(sources === undefined ? {} : { targetSources: sources }),
      received: received.map(toView),
      promptSignals: promptSignals.map(toView),
      emitted: emitted.map(toView),
      aggregated: received
        .map((s) => s.text.trim())
        .filter(Boolean)
        .join('\n\n'),
      failures,
      callIds: [...ids],
      receivedCallIds: [...receivedIds],
      sums: sumCallRecords(recordsFor(index, ids)),
    };
  });
  const allIds = new Set(step?.callIds ?? []);
  for (const ex of examples) for (const id of ex.receivedCallIds) allIds.add(id);
  const walkIndex = walk.findIndex((e) => e.nodeId === nodeId);
  return {
    nodeId,
    iteration,
    reached: step !== undefined,
    ...(walkIndex >= 0 ? { walkIndex } : {}),
    exampleIds,
    examples,
    ...(blame ? { blame } : {}),
    ...(evidence ? { evidence } : {}),
    ...(counterfactual ? { counterfactual } : {}),
    callIds: [...allIds],
    sums: sumCallRecords(recordsFor(index, allIds)),
  };
}
