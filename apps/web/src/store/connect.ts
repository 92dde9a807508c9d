/**
 * Making an edge from a drag between two handles: picks the input name, refuses what the
 * document model forbids (with a sentence the toast shows), and writes the `{{var}}` into the
 * target's user template so the new input is actually used.
 */
import { kindNoun, nodeKindOf, type Workflow, type WorkflowEdge, type WorkflowNode } from '@backflow/engine';
import { cycleIfConnected, freshId, takenIds } from './doc-ops';

/** Handle id of a new, not yet named input on llm/code nodes. */
export const NEW_INPUT_HANDLE = 'in:+';

/** What the canvas reports for a finished connection drag. */
export interface ConnectRequest {
  source: string;
  sourceHandle?: string | null;
  target: string;
  targetHandle?: string | null;
}

export type ConnectResult = { ok: true; doc: Workflow; edge: WorkflowEdge } | { ok: false; reason: string };

/** Source handle id for an edge (an input node has one per field). */
export function sourceHandleId(edge: Pick<WorkflowEdge, 'sourceField'>): string {
  return edge.sourceField ? `out:${edge.sourceField}` : 'out';
}

/** Target handle id for an edge: one per named input. */
export function targetHandleId(edge: Pick<WorkflowEdge, 'targetInput'>): string {
  return `in:${edge.targetInput}`;
}

/** Turns a label like "Solve step" into a template-friendly name like `solve_step`. */
export function toVariableName(text: string): string {
  const name = text
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return /^[a-z_]/.test(name) ? name : `v_${name || 'input'}`;
}

function nameLabel(node: WorkflowNode): string {
  return node.label ?? node.id;
}

/** Adds the edge described by `req` to `doc`, or says why not. */
export function connectNodes(doc: Workflow, req: ConnectRequest): ConnectResult {
  const source = doc.nodes.find((n) => n.id === req.source);
  const target = doc.nodes.find((n) => n.id === req.target);
  if (!source || !target) return { ok: false, reason: 'One end of the connection no longer exists.' };
  // The kinds' ports decide: an output node feeds nothing, an input node takes nothing.
  if (!nodeKindOf(source).feedsOthers) {
    return { ok: false, reason: `An ${kindNoun(source)} has no outgoing value.` };
  }
  if (!nodeKindOf(target).takesInputs) {
    return {
      ok: false,
      reason: `"${nameLabel(target)}" is an ${kindNoun(target)}: values only flow out of it.`,
    };
  }
  const cycle = cycleIfConnected(doc, source.id, target.id);
  if (cycle) {
    const path = [...cycle, cycle[0]].map((id) => `"${id}"`).join(' → ');
    return {
      ok: false,
      reason: `Refused: this connection would close a cycle (${path}). Workflows must stay acyclic.`,
    };
  }
  const fields = nodeKindOf(source).exampleFields?.(source);
  const sourceField = fields ? (req.sourceHandle?.replace(/^out:/, '') ?? fields[0]) : undefined;
  const incoming = doc.edges.filter((e) => e.target === target.id);
  if (nodeKindOf(target).soleInput !== undefined && incoming.length > 0) {
    return {
      ok: false,
      reason: `Output "${nameLabel(target)}" already has its value; delete that edge first.`,
    };
  }
  if (incoming.some((e) => e.source === source.id && e.sourceField === sourceField)) {
    return { ok: false, reason: 'These two nodes are already connected this way.' };
  }
  const targetInput = pickInputName(target, req.targetHandle, source, sourceField, incoming);
  if (incoming.some((e) => e.targetInput === targetInput)) {
    return { ok: false, reason: `Input {{${targetInput}}} of "${nameLabel(target)}" is already connected.` };
  }
  const edge: WorkflowEdge = {
    id: freshId(`e_${source.id}_${target.id}`.slice(0, 100), takenIds(doc)),
    source: source.id,
    ...(sourceField ? { sourceField } : {}),
    target: target.id,
    targetInput,
  };
  const nodes = doc.nodes.map((n) => (n === target ? withTemplateVariable(n, targetInput) : n));
  return { ok: true, edge, doc: { ...doc, nodes, edges: [...doc.edges, edge] } };
}

function pickInputName(
  target: WorkflowNode,
  handle: string | null | undefined,
  source: WorkflowNode,
  sourceField: string | undefined,
  incoming: readonly WorkflowEdge[],
): string {
  const sole = nodeKindOf(target).soleInput;
  if (sole !== undefined) return sole;
  if (handle && handle !== NEW_INPUT_HANDLE && handle.startsWith('in:')) return handle.slice(3);
  const base = toVariableName(sourceField ?? nameLabel(source));
  const used = new Set(incoming.map((e) => e.targetInput));
  if (!used.has(base)) return base;
  for (let i = 2; ; i++) if (!used.has(`${base}_${i}`)) return `${base}_${i}`;
}

/** The node once input `name` is fed (an llm node's template gains `{{name}}`; the kind decides). */
export function withTemplateVariable(node: WorkflowNode, name: string): WorkflowNode {
  return nodeKindOf(node).withInput?.(node, name) ?? node;
}
