import type { CodeRunner } from '../code/types';
import type { RunContext } from '../context';
import type { Example } from '../datasets/types';
import type { BoundInputs } from '../forward/node-steps';
import type { PlannedNode } from '../forward/plan';
import type { NodeTrace } from '../forward/types';
import type { Problem } from '../graph/problems';
import type { NodeKind, Workflow, WorkflowEdge, WorkflowNode } from '../graph/schema';
import type { TaskNode } from '../prompts/tasks';
import type { CallMeta } from '../providers/types';

/** The workflow node of one kind. */
export type NodeOfKind<K extends NodeKind> = Extract<WorkflowNode, { kind: K }>;

/** What a calling node's forward step is given (its inputs already bound). */
export interface NodeCallArgs<N> {
  ctx: RunContext;
  workflow: Workflow;
  node: N;
  inputs: Record<string, string>;
  meta: CallMeta;
  /** Receives the answer so far while it streams (llm nodes). */
  onPartial?: (textSoFar: string) => void;
  code: { runner: CodeRunner; timeoutMs: number; signal?: AbortSignal };
}

/**
 * A node's forward step. A node that `calls` (a model, the code runner) runs once its inputs are
 * bound, may be reused from an earlier trace, and reports `nodeStarted`; one that does not settles
 * at once from the example and its predecessors' outputs.
 */
export type NodeForward<N> =
  | {
      calls: false;
      trace(node: N, at: { planned: PlannedNode; example: Example; bind: () => BoundInputs }): NodeTrace;
    }
  | { calls: true; run(args: NodeCallArgs<N>): Promise<NodeTrace> };

/** What one node's validation sees: where to report, its incoming edges and the graph's bindings. */
export interface NodeCheck {
  /** The node's position in `workflow.nodes`. */
  position: number;
  incoming: readonly WorkflowEdge[];
  /** The `targetInput` names some edge binds on this node. */
  boundInputs: ReadonlySet<string>;
  /** The path of an edge, e.g. `edges[3]`. */
  edgePath(edge: WorkflowEdge): string;
  /** Location fields of a problem about one field of the node. */
  at(field: string): { nodeId: string; field: string; path: string };
  /**
   * The node that first claimed `key` in this pass, or undefined (and `nodeId` claims it now):
   * for checks across nodes of a kind, e.g. two outputs scored against the same target.
   */
  firstClaim(key: string, nodeId: string): string | undefined;
  report(problem: Problem): void;
}

/**
 * Everything the engine knows about one node kind, in one file per kind (`nodes/<kind>.ts`), listed
 * once in `nodes/registry.ts`. Its zod schema stays in graph/schema.ts's union (the document's
 * contract); the studio registers its canvas view per kind in one place (apps/web's
 * `canvas/nodes/kind-views.tsx`).
 */
export interface NodeKindDefinition<N extends WorkflowNode = WorkflowNode> {
  kind: N['kind'];
  /** How sentences name it: "LLM node". */
  label: string;
  /** A new node of this kind with sensible starting content (the studio's palette). */
  create(id: string, position: { x: number; y: number }): N;
  /** Whether edges may come into it (an input node takes dataset fields only). */
  takesInputs: boolean;
  /** Whether its output may feed other nodes (an output node is the workflow's answer). */
  feedsOthers: boolean;
  /** A step: the backward walk sends it messages and calls a rule at it (llm and code nodes). */
  step: boolean;
  forward: NodeForward<N>;
  /** Its own checks (the graph-level ones are shared: graph/validate*.ts). */
  validate(node: N, check: NodeCheck): void;
  /** The node as a backward meta-prompt describes it. */
  taskNode(node: N): TaskNode;
  /** The role shown for it as the source of another node's input (`field`: the edge's field). */
  inputRole(node: N, field: string | undefined): string;
}

/** How a meta-prompt describes a node without a prompt of its own (input, code, output). */
export function promptlessTaskNode(node: WorkflowNode, role: string): TaskNode {
  return { id: node.id, kind: node.kind, role, instruction: '', userTemplate: '' };
}
