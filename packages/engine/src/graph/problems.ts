/**
 * Problems found in a workflow document. Every check in `graph/` reports through this one shape so
 * the studio can pin a problem on a node or edge and the CLI can print it, and so tests (and users'
 * scripts) can rely on the `code` instead of the sentence.
 */

/** Stable problem codes. Never rename one: fixtures, the CLI and saved reports refer to them. */
export const PROBLEM_CODES = [
  // Reading the document.
  'invalid_json',
  'too_large',
  'forbidden_key',
  'wrong_format',
  'unsupported_version',
  'migration_failed',
  // Shape (zod schema).
  'unknown_field',
  'missing_field',
  'wrong_type',
  'invalid_value',
  'unknown_kind',
  // Ids and edges.
  'duplicate_node_id',
  'duplicate_edge_id',
  'dangling_edge',
  'edge_into_input_node',
  'edge_from_output_node',
  'unknown_input_field',
  'missing_source_field',
  'source_field_ignored',
  'duplicate_input_field',
  // Graph shape.
  'cycle',
  'no_input_node',
  'no_output_node',
  'output_without_input',
  'output_multiple_inputs',
  'duplicate_target_key',
  'unreachable_node',
  // Templates and prompts.
  'duplicate_input_binding',
  'unbound_template_variable',
  'unused_input',
  'malformed_template',
  'empty_trainable_prompt',
  'empty_user_template',
  'empty_code',
  'code_syntax_error',
] as const;

/** One of {@link PROBLEM_CODES}. */
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** `error` makes a workflow unrunnable; `warning` is worth a look but does not block a run. */
export type ProblemSeverity = 'error' | 'warning';

/** One thing wrong with a workflow document, located as precisely as the document allows. */
export interface Problem {
  code: ProblemCode;
  severity: ProblemSeverity;
  /** The node the problem is about (resolved from `nodes[i]` when that node has an id). */
  nodeId?: string;
  /** The edge the problem is about (resolved from `edges[i]` when that edge has an id). */
  edgeId?: string;
  /**
   * The field, relative to the node or edge when `nodeId`/`edgeId` is set (e.g. `userTemplate`,
   * `position.x`), otherwise relative to the document root (e.g. `loss.kind`).
   */
  field?: string;
  /** Full location from the document root, e.g. `nodes[3].userTemplate` (absent for whole-graph problems). */
  path?: string;
  /** Node ids involved beyond `nodeId`, in a meaningful order (the cycle, the duplicates...). */
  relatedNodeIds?: string[];
  /** A sentence a person understands, naming ids and fields. */
  message: string;
}

/** Formats a path like `['nodes', 3, 'position', 'x']` as `nodes[3].position.x`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

/** Sorts problems errors-first, then by document position, so output is stable and readable. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  // Array sorting is stable, so within a severity the document order stays.
  const rank = (p: Problem) => (p.severity === 'error' ? 0 : 1);
  return [...problems].sort((a, b) => rank(a) - rank(b));
}
