import { kindNoun, nodeKindOf } from '../nodes/registry';
import type { GraphIndex } from './graph-index';
import type { Problem } from './problems';
import type { Workflow } from './schema';

/** Shared state of one validation pass. */
export interface ValidationScope {
  workflow: Pick<Workflow, 'nodes' | 'edges'>;
  index: GraphIndex;
  /** Ids that exist in the document, also counting nodes that failed the schema (salvage mode). */
  knownNodeIds: ReadonlySet<string>;
  report: (problem: Problem) => void;
}

/** Duplicate node and edge ids, reported on every copy after the first. */
export function checkDuplicateIds({ workflow, report }: ValidationScope): void {
  for (const list of ['nodes', 'edges'] as const) {
    const noun = list === 'nodes' ? 'node' : 'edge';
    const firstAt = new Map<string, number>();
    workflow[list].forEach(({ id }, i) => {
      const first = firstAt.get(id);
      if (first === undefined) firstAt.set(id, i);
      else
        report({
          code: `duplicate_${noun}_id`,
          severity: 'error',
          ...(noun === 'node' ? { nodeId: id } : { edgeId: id }),
          field: 'id',
          path: `${list}[${i}].id`,
          message: `Two ${list} have the id "${id}" (${list}[${first}] and ${list}[${i}]); ${noun} ids must be unique.`,
        });
    });
  }
}

/**
 * Per-edge checks: endpoints exist, direction makes sense for the node kinds' ports, `sourceField`
 * names one of the source's example fields, and no two edges bind the same input of the same node.
 */
export function checkEdges({ workflow, index, knownNodeIds, report }: ValidationScope): void {
  const bindings = new Map<string, string>();
  workflow.edges.forEach((edge, i) => {
    const at = (field: string) => ({ edgeId: edge.id, field, path: `edges[${i}].${field}` });
    for (const end of ['source', 'target'] as const) {
      if (!knownNodeIds.has(edge[end])) {
        report({
          code: 'dangling_edge',
          severity: 'error',
          ...at(end),
          message: `Edge "${edge.id}" ${end === 'source' ? 'comes from' : 'goes to'} node "${edge[end]}", which does not exist.`,
        });
      }
    }
    const source = index.nodeById.get(edge.source);
    const target = index.nodeById.get(edge.target);
    if (target !== undefined && !nodeKindOf(target).takesInputs) {
      report({
        code: 'edge_into_input_node',
        severity: 'error',
        ...at('target'),
        message: `Edge "${edge.id}" goes into ${kindNoun(target)} "${target.id}"; ${kindNoun(target)}s only receive dataset fields, so they take no edges.`,
      });
    }
    if (source !== undefined && !nodeKindOf(source).feedsOthers) {
      report({
        code: 'edge_from_output_node',
        severity: 'error',
        ...at('source'),
        message: `Edge "${edge.id}" leaves ${kindNoun(source)} "${source.id}"; an output is the workflow's final answer and cannot feed other nodes.`,
      });
    }
    const fields = source && nodeKindOf(source).exampleFields?.(source);
    if (source !== undefined && fields !== undefined) {
      if (edge.sourceField !== undefined && !fields.includes(edge.sourceField)) {
        report({
          code: 'unknown_input_field',
          severity: 'error',
          ...at('sourceField'),
          message: `Edge "${edge.id}" reads field "${edge.sourceField}" of ${kindNoun(source)} "${source.id}", which only has ${fields.map((f) => `"${f}"`).join(', ')}.`,
        });
      }
      if (edge.sourceField === undefined && fields.length > 1) {
        report({
          code: 'missing_source_field',
          severity: 'error',
          ...at('sourceField'),
          message: `Edge "${edge.id}" leaves ${kindNoun(source)} "${source.id}", which has several fields (${fields.join(', ')}); say which one with "sourceField".`,
        });
      }
    } else if (source !== undefined && edge.sourceField !== undefined) {
      report({
        code: 'source_field_ignored',
        severity: 'warning',
        ...at('sourceField'),
        message: `Edge "${edge.id}" sets "sourceField", but its source "${source.id}" is a ${source.kind} node with a single output; the field is ignored.`,
      });
    }
    const key = `${edge.target}\n${edge.targetInput}`;
    const previous = bindings.get(key);
    if (previous === undefined) bindings.set(key, edge.id);
    else
      report({
        code: 'duplicate_input_binding',
        severity: 'error',
        ...at('targetInput'),
        message: `Edges "${previous}" and "${edge.id}" both feed input "${edge.targetInput}" of node "${edge.target}"; each input takes exactly one edge.`,
      });
  });
}
