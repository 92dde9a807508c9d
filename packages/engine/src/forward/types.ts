import type { ChatMessage, TokenUsage } from '../providers/types';

/**
 * One node's record for one example. Input nodes: `inputs` holds the example fields the node
 * exposes and `output` the single field's value (a JSON object of the fields when it exposes
 * several). Output nodes: `output` is the value of their single incoming edge.
 */
export interface NodeTrace {
  nodeId: string;
  /** What happened at the node. */
  status: 'ok' | 'error' | 'skipped';
  /** Values bound to the node's named inputs (edge `targetInput` -> upstream value). */
  inputs: Record<string, string>;
  /** The messages actually sent (llm nodes only). */
  messages?: ChatMessage[];
  output?: string;
  callId?: string;
  latencyMs?: number;
  usage?: TokenUsage;
  /** Why the node failed or was skipped, in a sentence. */
  error?: string;
}

/** One example pushed through the whole workflow. */
export interface ExampleTrace {
  exampleId: string;
  /** Keyed by node id. */
  nodes: Record<string, NodeTrace>;
  /** Final answer per output node id (absent when that output was skipped). */
  outputs: Record<string, string>;
}

/**
 * Live progress of a forward pass, for display. Events arrive in causal order per example:
 * a node's `nodeStarted` before its `nodePartial`s and its `nodeFinished`, every node's `nodeFinished` before the
 * example's `exampleFinished`. Nodes skipped because of an upstream failure get a `nodeFinished`
 * (status `skipped`) but no `nodeStarted`.
 */
export type ForwardEvent =
  /** A node began executing for one example (llm and code nodes: its call or code is now running). */
  | { type: 'nodeStarted'; exampleId: string; nodeId: string }
  /**
   * The text an llm node's model has streamed so far for one example (only when the run was asked
   * to stream: `RunForwardArgs.stream`). Between the node's `nodeStarted` and `nodeFinished`;
   * `text` is the whole answer so far, not a delta. A retried call may start over (shorter text).
   */
  | { type: 'nodePartial'; exampleId: string; nodeId: string; text: string }
  /** A node settled for one example: ok, error, or skipped. */
  | { type: 'nodeFinished'; exampleId: string; nodeId: string; trace: NodeTrace }
  /** Every node of one example has settled. */
  | { type: 'exampleFinished'; exampleId: string; trace: ExampleTrace };
