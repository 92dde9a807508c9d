/**
 * Module-level selectors and the derived views they share. Derived data is memoised per document
 * so 500 node components asking for their badge cost one validation, not 500; selectors return
 * primitives where they can so a component re-renders only when its own answer changes.
 */
import {
  nodeKindOf,
  type Problem,
  validateWorkflow,
  type Workflow,
  type WorkflowNode,
  workflowExampleFields,
} from '@backflow/engine';
import type { StudioState } from './studio-state';

export const selectNodes = (s: StudioState) => s.doc.nodes;
export const selectEdges = (s: StudioState) => s.doc.edges;
export const selectCanUndo = (s: StudioState) => s.past.length > 0;
export const selectCanRedo = (s: StudioState) => s.future.length > 0;
export const selectDialog = (s: StudioState) => s.dialog;
export const selectPanel = (s: StudioState) => s.panel;
export const selectSettings = (s: StudioState) => s.settings;
/** The single selected node id, or null when none or several are selected. */
export const selectSoleNodeId = (s: StudioState) =>
  (s.selectedNodeIds.length === 1 ? s.selectedNodeIds[0] : null) ?? null;

/** Problems of a document with an index by node. */
export interface ProblemView {
  problems: Problem[];
  byNode: Map<string, Problem[]>;
}

let lastDoc: Workflow | null = null;
let lastView: ProblemView = { problems: [], byNode: new Map() };

function sameButPositions(a: Workflow, b: Workflow): boolean {
  if (a.edges !== b.edges || a.nodes.length !== b.nodes.length) return false;
  return a.nodes.every((n, i) => {
    const m = b.nodes[i] as WorkflowNode;
    if (n === m) return true;
    const { position: _p, ...restA } = n;
    const { position: _q, ...restB } = m;
    return JSON.stringify(restA) === JSON.stringify(restB);
  });
}

/** Validation of `doc`, recomputed only when something other than positions changed. */
export function problemsOf(doc: Workflow): ProblemView {
  if (doc === lastDoc) return lastView;
  if (!lastDoc || !sameButPositions(lastDoc, doc)) {
    const problems = validateWorkflow(doc);
    const byNode = new Map<string, Problem[]>();
    for (const p of problems) {
      for (const id of [p.nodeId, ...(p.relatedNodeIds ?? [])]) {
        if (id) byNode.set(id, [...(byNode.get(id) ?? []), p]);
      }
    }
    lastView = { problems, byNode };
  }
  lastDoc = doc;
  return lastView;
}

/** `"error"`, `"warning"` or `""` for a node's badge (a primitive, so renders stay put). */
export function badgeOf(s: StudioState, nodeId: string): '' | 'error' | 'warning' {
  const list = problemsOf(s.doc).byNode.get(nodeId);
  if (!list) return '';
  return list.some((p) => p.severity === 'error') ? 'error' : 'warning';
}

const inputsCache = new WeakMap<Workflow['edges'], Map<string, string[]>>();

/** Input names bound by edges into each node, memoised per edges array. */
export function boundInputs(edges: Workflow['edges']): Map<string, string[]> {
  let map = inputsCache.get(edges);
  if (!map) {
    map = new Map();
    for (const e of edges) map.set(e.target, [...(map.get(e.target) ?? []), e.targetInput]);
    inputsCache.set(edges, map);
  }
  return map;
}

const variablesCache = new WeakMap<WorkflowNode, string[]>();

/** Input names a node uses (an llm node's template variables), once per node version (selectors run on every update). */
function nodeVariables(node: WorkflowNode): string[] {
  let vars = variablesCache.get(node);
  if (!vars) {
    vars = [...(nodeKindOf(node).usedInputs?.(node) ?? [])];
    variablesCache.set(node, vars);
  }
  return vars;
}

/** A node's named inputs (bound by edges or used in its template), comma-joined for a stable selector. */
export function inputNamesKey(s: StudioState, node: WorkflowNode): string {
  const names = new Set(boundInputs(s.doc.edges).get(node.id) ?? []);
  for (const v of nodeVariables(node)) names.add(v);
  return [...names].join(',');
}

/**
 * Variables a node's template may use: the names on its incoming edges, plus names an input could
 * provide (the fields of upstream input nodes), for the editor's autocompletion.
 */
export function availableVariables(doc: Workflow, nodeId: string): string[] {
  const names = new Set(boundInputs(doc.edges).get(nodeId) ?? []);
  for (const f of workflowExampleFields(doc.nodes)) names.add(f);
  return [...names];
}
