/**
 * Graph-level validation of a workflow that already passed the schema: ids, edges, templates,
 * cycles, inputs/outputs and reachability. Returns EVERY problem at once so the studio can mark
 * them all in one pass: errors before warnings; within each, ids, then edges, then nodes, then
 * whole-graph checks, each walked in document order (so the output is deterministic).
 */

import { nodeKindOf } from '../nodes/registry';
import { findCycles } from './cycles';
import { buildGraphIndex } from './graph-index';
import type { Problem } from './problems';
import { sortProblems } from './problems';
import type { Workflow } from './schema';
import { reachable } from './topology';
import { checkDuplicateIds, checkEdges, type ValidationScope } from './validate-edges';
import { checkLoss } from './validate-loss';
import { checkNodes } from './validate-nodes';

/** Options of {@link validateWorkflow}. */
export interface ValidateOptions {
  /**
   * Node ids that exist in the document even if they are not in `workflow.nodes` (nodes that
   * failed the schema when checking a salvaged document): edges to them are not dangling.
   */
  knownNodeIds?: ReadonlySet<string>;
}

/**
 * All graph-level problems of a schema-valid workflow (see `PROBLEM_CODES`), and those of its loss
 * when it has one (a regex that does not compile, a js loss with a syntax error).
 */
export function validateWorkflow(
  workflow: Pick<Workflow, 'nodes' | 'edges'> & Partial<Pick<Workflow, 'loss'>>,
  options: ValidateOptions = {},
): Problem[] {
  const problems: Problem[] = [];
  const index = buildGraphIndex(workflow);
  const scope: ValidationScope = {
    workflow,
    index,
    knownNodeIds: options.knownNodeIds ?? new Set(workflow.nodes.map((n) => n.id)),
    report: (problem) => problems.push(problem),
  };
  checkDuplicateIds(scope);
  checkEdges(scope);
  checkNodes(scope);
  checkGraph(scope);
  if (workflow.loss !== undefined) problems.push(...checkLoss(workflow.loss));
  return sortProblems(problems);
}

/** Cycles, missing inputs/outputs and nodes that cannot contribute to any output. */
function checkGraph({ index, report }: ValidationScope): void {
  for (const cycle of findCycles(index)) {
    report({
      code: 'cycle',
      severity: 'error',
      nodeId: cycle[0]!,
      relatedNodeIds: cycle,
      message: `The workflow has a cycle: ${[...cycle, cycle[0]].map((id) => `"${id}"`).join(' -> ')}. A workflow must be a DAG; remove one of these edges.`,
    });
  }
  // Entries take no edges (input nodes), answers feed nothing (output nodes): the kinds' ports.
  const inputs = index.nodes.filter((n) => !nodeKindOf(n).takesInputs).map((n) => n.id);
  const outputs = index.nodes.filter((n) => !nodeKindOf(n).feedsOthers).map((n) => n.id);
  if (inputs.length === 0) {
    report({
      code: 'no_input_node',
      severity: 'error',
      message: 'The workflow has no input node, so no dataset field can reach it. Add an input node.',
    });
  }
  if (outputs.length === 0) {
    report({
      code: 'no_output_node',
      severity: 'error',
      message:
        'The workflow has no output node, so nothing can be scored. Add an output node and connect the final answer to it.',
    });
  }
  // Without inputs or outputs every node would be flagged, and with a dangling edge the intended
  // connection is unknown: the errors already say what to fix first.
  if (inputs.length === 0 || outputs.length === 0 || index.danglingEdges.length > 0) return;
  const fromInputs = reachable(index, inputs, 'forward');
  const toOutputs = reachable(index, outputs, 'backward');
  for (const node of index.nodes) {
    let why: string | undefined;
    const { takesInputs, feedsOthers } = nodeKindOf(node);
    if (!toOutputs.has(node.id) && feedsOthers) {
      why = 'no path leads from it to an output node, so its result is never used';
    } else if (!fromInputs.has(node.id) && takesInputs && feedsOthers) {
      why = 'no path from an input node reaches it, so it never sees the example';
    } else if (!fromInputs.has(node.id) && takesInputs && index.incoming.get(node.id)!.length > 0) {
      why = 'no path from an input node reaches it, so its answer never depends on the example';
    }
    if (why !== undefined) {
      report({
        code: 'unreachable_node',
        severity: 'warning',
        nodeId: node.id,
        message: `${nodeKindOf(node).label} "${node.id}" is disconnected: ${why}.`,
      });
    }
  }
}
