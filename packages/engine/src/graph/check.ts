import { isPlainObject } from '../util/objects';
import { parseWorkflow } from './document';
import type { Problem } from './problems';
import { sortProblems } from './problems';
import {
  type Workflow,
  type WorkflowEdge,
  type WorkflowNode,
  workflowEdgeSchema,
  workflowNodeSchema,
} from './schema';
import { validateWorkflow } from './validate';

/** The outcome of {@link checkWorkflow}. */
export interface CheckResult {
  /** True when there is no error (warnings allowed). */
  ok: boolean;
  /** The parsed workflow, when the document passed the schema (it may still have graph errors). */
  workflow?: Workflow;
  /** Every problem found, errors first. */
  problems: Problem[];
}

/**
 * Parses and validates a workflow document (JSON text or a value) and returns every problem at
 * once. When the schema rejects some nodes or edges, the graph checks still run over the parts
 * that passed, so a person sees a dangling edge and a typo'd field together; graph problems that
 * could be mere consequences of a schema error (about a node that failed, or about reachability
 * when an edge failed) are left out.
 */
export function checkWorkflow(input: unknown): CheckResult {
  const parsed = parseWorkflow(input);
  if (parsed.ok) {
    const problems = validateWorkflow(parsed.workflow);
    return { ok: !problems.some((p) => p.severity === 'error'), workflow: parsed.workflow, problems };
  }
  if (parsed.migrated === undefined) return { ok: false, problems: parsed.problems };
  return {
    ok: false,
    problems: sortProblems([...parsed.problems, ...salvage(parsed.migrated, parsed.problems)]),
  };
}

function salvage(doc: Record<string, unknown>, schemaProblems: readonly Problem[]): Problem[] {
  if (!Array.isArray(doc.nodes) || !Array.isArray(doc.edges)) return [];
  const knownNodeIds = new Set<string>();
  const suspect = new Set<string>();
  const nodes: WorkflowNode[] = [];
  for (const raw of doc.nodes) {
    const id = isPlainObject(raw) && typeof raw.id === 'string' ? raw.id : undefined;
    if (id !== undefined) knownNodeIds.add(id);
    const result = workflowNodeSchema.safeParse(raw);
    if (result.success) nodes.push(result.data);
    else if (id !== undefined) suspect.add(id);
  }
  const failedNodeIds = new Set(suspect);
  const edges: WorkflowEdge[] = [];
  let edgeFailed = false;
  for (const raw of doc.edges) {
    const ends = isPlainObject(raw) ? [raw.source, raw.target].filter((e) => typeof e === 'string') : [];
    const result = workflowEdgeSchema.safeParse(raw);
    if (result.success) edges.push(result.data);
    else edgeFailed = true;
    // Both ends of a broken edge, or of an edge touching a broken node, may look unconnected.
    if (!result.success || ends.some((end) => failedNodeIds.has(end)))
      for (const end of ends) suspect.add(end);
  }
  const nodeFailed = nodes.length < doc.nodes.length;
  const reported = new Set(schemaProblems.map((p) => `${p.code}\n${p.nodeId}\n${p.edgeId}`));
  return validateWorkflow({ nodes, edges }, { knownNodeIds }).filter((p) => {
    if (p.nodeId !== undefined && suspect.has(p.nodeId)) return false;
    if (nodeFailed && (p.code === 'no_input_node' || p.code === 'no_output_node')) return false;
    if ((nodeFailed || edgeFailed) && p.code === 'unreachable_node') return false;
    return !reported.has(`${p.code}\n${p.nodeId}\n${p.edgeId}`);
  });
}
