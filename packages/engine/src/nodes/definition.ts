import type * as z from 'zod';
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

/** A kind's zod schema: a strict object whose output is the node (its input may omit defaults). */
export type NodeSchema<N> = z.ZodType<N, unknown> & z.core.$ZodTypeDiscriminable & { shape: z.ZodRawShape };

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
 * once in `nodes/kinds.ts`: its schema (its piece of the document's union), starting content,
 * ports, forward step, validation and description. Shared code asks the definition, never the
 * `kind` tag; the studio registers its views by kind (docs/architecture.md, "Adding a node kind").
 */
export interface NodeKindDefinition<N extends WorkflowNode = WorkflowNode> {
  kind: N['kind'];
  /** Its piece of the document's node union (built with graph/node-common.ts's `nodeSchema`). */
  schema: NodeSchema<N>;
  /** How sentences name it: "LLM node". */
  label: string;
  /** A new node of this kind with sensible starting content (the studio's palette). */
  create(id: string, position: { x: number; y: number }): N;
  /** Whether edges may come into it (an input node takes dataset fields only). */
  takesInputs: boolean;
  /** Whether its output may feed other nodes (an output node is the workflow's answer). */
  feedsOthers: boolean;
  /**
   * The example fields it brings into the graph (an input node's): each is an output of its own,
   * and an edge leaving it names one as `sourceField`. Absent: one output, no `sourceField`.
   */
  exampleFields?(node: N): readonly string[];
  /**
   * The expected value it is scored against (an output node's `targetKey`): present on the
   * workflow's answers only, the nodes the loss reads.
   */
  answerKey?(node: N): string;
  /** The one input name it has, when fixed (an output node's `value`): it then takes one edge. */
  soleInput?: string;
  /** Input names it uses whether or not an edge binds them yet (an llm node's `{{variables}}`). */
  usedInputs?(node: N): readonly string[];
  /** The node once a new edge feeds its input `name` (an llm node's template gains `{{name}}`). */
  withInput?(node: N, name: string): N;
  /**
   * Its tunable parameter, when it has one (an llm node's system prompt): what optimizers read,
   * rewrite and write back; `trainable` says whether they may change it.
   */
  prompt?: { read(node: N): string; write(node: N, text: string): N; trainable(node: N): boolean };
  /** Its texts every call sends, as `[what, text]` (import warns about huge ones). */
  texts?(node: N): readonly (readonly [string, string])[];
  /**
   * Present on kinds that call a model once per example (llm): the call counts, the critical path
   * and the preflight count them; `override` is the node's own model, if it names one.
   */
  callsModel?: { override(node: N): string | undefined };
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
