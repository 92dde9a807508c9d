import type { Example } from '../datasets/types';
import type { ExampleTrace } from '../forward/types';
import type { Workflow } from '../graph/schema';

// The algorithms Backflow implements: the registry's names (algorithms/registry.ts).
export type { AlgorithmName } from '../algorithms/registry';

/**
 * One backward quantity, always text, always with provenance. A signal is ABOUT `nodeId`'s output
 * on one example and was produced at `fromNodeId` (a successor, or "loss" for the seed).
 */
export interface BackwardSignal {
  /** target (GTBP), gradient (semantic backprop, target variant), comment (its comment variant),
   * criticism (TextGrad), seed (the loss's message at an output). */
  kind: 'target' | 'gradient' | 'comment' | 'criticism' | 'seed';
  nodeId: string;
  exampleId: string;
  fromNodeId: string;
  text: string;
  /** What the output should have been, when the sender could say (GTBP: the target itself). */
  suggestedValue?: string;
  /** False for "no change needed" (counts as no blame). */
  asksForChange: boolean;
  /** Sibling node id -> the output it was conditioned on (empty for TextGrad by design). */
  siblingOutputs: Record<string, string>;
  /** The LLM call that produced it (absent for seeds computed without a call). */
  callId?: string;
  /**
   * What the signal is about: the node's output on the example (absent or "output"), or its own
   * system prompt ("prompt": TextGrad's gradient on the parameter, produced at the node itself).
   */
  about?: 'output' | 'prompt';
}

/** A backward step that could not produce its signal: recorded and shown, never silently empty. */
export interface BackwardFailure {
  nodeId: string;
  exampleId: string;
  callId?: string;
  reason: string;
  /** The meta-prompt task that failed, e.g. "sembp.gradient". */
  task?: string;
  /** Per-edge calls: the upstream node the failed call was about. */
  inputId?: string;
}

/** What the backward rule sees when it reaches one node. */
export interface BackwardNodeInput {
  workflow: Workflow;
  nodeId: string;
  /** The back-propagated examples (the error batch) with their forward traces. */
  batch: { example: Example; trace: ExampleTrace }[];
  /** Every signal already delivered ABOUT this node, by all its successors. */
  received: BackwardSignal[];
}

/** What the backward rule produces at one node. */
export interface BackwardNodeResult {
  nodeId: string;
  /** Signals about this node's predecessors, produced here. */
  emitted: BackwardSignal[];
  /** GTBP: the node's reconciled target per example id (after merging several successors'). */
  targets?: Record<string, string>;
  /** GTBP: per example id, the successors' targets that were merged into `targets` (>= 2 differing). */
  targetSources?: Record<string, { from: string; target: string }[]>;
  /** TextGrad: gradients on this node's own prompt (`about: "prompt"`), one per example. */
  promptSignals?: BackwardSignal[];
  failures: BackwardFailure[];
  callIds: string[];
}

/**
 * The score of one example as the backward pass needs it: the overall score and, per output node,
 * the expected value, the actual one and the loss's feedback. Structurally the `ExampleScore` that
 * `loss/` produces, restated here so `backward/` does not depend on the evaluators.
 */
export interface BackwardScore {
  exampleId: string;
  /** In [0, 1]. */
  score: number;
  perOutput: Record<string, { score: number; feedback?: string; expected: string; actual?: string }>;
}

/** One back-propagated example: the example, its forward trace and its score. */
export interface BackwardExample {
  example: Example;
  trace: ExampleTrace;
  score: BackwardScore;
}
