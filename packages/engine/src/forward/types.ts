import type { ChatMessage, TokenUsage } from '../providers/types';

/** What happened at one node for one example. */
export type NodeStatus = 'ok' | 'error' | 'skipped';

export interface NodeTrace {
  nodeId: string;
  status: NodeStatus;
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
