import type { NodeCheck } from '../nodes/definition';
import { nodeKindOf } from '../nodes/registry';
import type { ValidationScope } from './validate-edges';

/**
 * Per-node checks, each by its kind's definition (nodes/<kind>.ts): templates against the edges
 * that feed them, empty prompts and code, duplicate input fields, and output nodes with other than
 * one incoming edge.
 */
export function checkNodes({ workflow, index, report }: ValidationScope): void {
  const claims = new Map<string, string>();
  // One pass over the edges up front keeps the whole check O(V+E) on large graphs.
  const edgePosition = new Map(workflow.edges.map((edge, i) => [edge, i]));
  const boundInputs = new Map<string, Set<string>>();
  for (const edge of workflow.edges) {
    // Dangling edges count as bindings too: the dangling_edge error already names that fault.
    const set = boundInputs.get(edge.target) ?? new Set<string>();
    set.add(edge.targetInput);
    boundInputs.set(edge.target, set);
  }
  workflow.nodes.forEach((node, i) => {
    if (index.nodeById.get(node.id) !== node) return; // a duplicate id, already reported
    const check: NodeCheck = {
      position: i,
      incoming: index.incoming.get(node.id) ?? [],
      boundInputs: boundInputs.get(node.id) ?? new Set<string>(),
      edgePath: (edge) => `edges[${edgePosition.get(edge)}]`,
      at: (field) => ({ nodeId: node.id, field, path: `nodes[${i}].${field}` }),
      firstClaim(key, nodeId) {
        const first = claims.get(key);
        if (first === undefined) claims.set(key, nodeId);
        return first;
      },
      report,
    };
    nodeKindOf(node).validate(node, check);
  });
}
