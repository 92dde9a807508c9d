import type * as z from 'zod';
import { nodeKindRegistry } from '../nodes/registry';
import { editDistance } from '../util/edit-distance';
import { isPlainObject } from '../util/objects';
import type { Problem, ProblemCode } from './problems';
import { formatPath } from './problems';
import { valueAt } from './raw-json';
import { workflowEdgeSchema, workflowSchema } from './schema';

type Path = readonly PropertyKey[];

/** Where in the document an issue sits, with node/edge ids resolved from `nodes[i]` / `edges[i]`. */
interface Location {
  nodeId?: string;
  edgeId?: string;
  /** Relative to the node/edge when one is set, else from the root. */
  field?: string;
  path: string;
  /** "Node \"a\"", "Edge #3", "The workflow": the subject of the sentence. */
  subject: string;
}

/**
 * Turns zod's issues into {@link Problem}s: stable codes, node/edge ids resolved from array indices
 * (the raw document is consulted, since zod only knows positions), and sentences a person reads.
 */
export function mapSchemaIssues(issues: readonly z.core.$ZodIssue[], raw: unknown): Problem[] {
  return issues.flatMap((issue) => mapIssue(issue, raw));
}

function mapIssue(issue: z.core.$ZodIssue, raw: unknown): Problem[] {
  const where = locate(issue.path, raw);
  const make = (code: ProblemCode, message: string, loc: Location = where): Problem => {
    const problem: Problem = { code, severity: 'error', path: loc.path, message };
    if (loc.nodeId !== undefined) problem.nodeId = loc.nodeId;
    if (loc.edgeId !== undefined) problem.edgeId = loc.edgeId;
    if (loc.field !== undefined && loc.field !== '') problem.field = loc.field;
    return problem;
  };
  const fieldName = where.field ? `"${where.field}"` : 'it';
  const present = valueAt(raw, issue.path) !== undefined;
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => {
        const loc = locate([...issue.path, key], raw);
        const hint = suggestKey(key, knownKeys(issue.path, raw));
        return make(
          'unknown_field',
          `${loc.subject} has an unknown field "${loc.field || key}"${hint}.`,
          loc,
        );
      });
    case 'invalid_type':
      if (!present)
        return [
          make('missing_field', `${where.subject} is missing ${fieldName} (${article(issue.expected)}).`),
        ];
      return [
        make(
          'wrong_type',
          `${where.subject}: ${fieldName} must be ${article(issue.expected)}, not ${describe(valueAt(raw, issue.path))}.`,
        ),
      ];
    case 'invalid_union': {
      const options = 'options' in issue && Array.isArray(issue.options) ? issue.options.map(String) : [];
      if ('discriminator' in issue && issue.discriminator !== undefined) {
        if (!present)
          return [
            make('missing_field', `${where.subject} has no ${fieldName}; use one of ${options.join(', ')}.`),
          ];
        return [
          make(
            'unknown_kind',
            `${where.subject}: ${fieldName} is ${JSON.stringify(valueAt(raw, issue.path))}, which is not one of ${options.join(', ')}.`,
          ),
        ];
      }
      return [make('wrong_type', `${where.subject}: ${fieldName} does not match any allowed shape.`)];
    }
    case 'invalid_value':
      return [
        make(
          'invalid_value',
          `${where.subject}: ${fieldName} must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}, not ${JSON.stringify(valueAt(raw, issue.path))}.`,
        ),
      ];
    case 'too_small':
    case 'too_big':
      return [make('invalid_value', `${where.subject}: ${fieldName} ${sizeRule(issue)}.`)];
    default:
      return [make('invalid_value', `${where.subject}: ${fieldName} is not valid: ${issue.message}.`)];
  }
}

function locate(path: Path, raw: unknown): Location {
  const full = formatPath(path);
  const [head, index, ...rest] = path;
  if ((head === 'nodes' || head === 'edges') && typeof index === 'number') {
    const id = valueAt(raw, [head, index, 'id']);
    const noun = head === 'nodes' ? 'Node' : 'Edge';
    const hasId = typeof id === 'string' && id !== '';
    const loc: Location = {
      path: full,
      field: formatPath(rest),
      subject: hasId ? `${noun} "${id}"` : `${noun} #${index + 1} (${head}[${index}])`,
    };
    if (hasId && head === 'nodes') loc.nodeId = id;
    if (hasId && head === 'edges') loc.edgeId = id;
    if (!hasId) loc.field = full;
    return loc;
  }
  return { path: full, field: full, subject: 'The workflow' };
}

function knownKeys(path: Path, raw: unknown): string[] {
  if (path.length === 0) return Object.keys(workflowSchema.shape);
  const last = path[path.length - 1];
  if (last === 'position') return ['x', 'y'];
  if (path.length === 1 && last === 'defaults') return ['model', 'temperature'];
  if (path.length === 2 && path[0] === 'edges') return Object.keys(workflowEdgeSchema.shape);
  if (path.length === 2 && path[0] === 'nodes') {
    const node = valueAt(raw, path);
    const kind = isPlainObject(node) ? node.kind : undefined;
    const known = Object.hasOwn(nodeKindRegistry, String(kind));
    return known ? Object.keys(nodeKindRegistry[kind as keyof typeof nodeKindRegistry].schema.shape) : [];
  }
  return [];
}

/** ' (did you mean "x"?)' when a known key is a plausible typo of the unknown one. */
function suggestKey(key: string, known: readonly string[]): string {
  let best: string | undefined;
  // Short keys tolerate fewer edits: "z" is not a typo of "x".
  let bestDistance = key.length <= 2 ? 0 : key.length <= 4 ? 2 : 3;
  for (const candidate of known) {
    const d = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best === undefined ? '' : ` (did you mean "${best}"?)`;
}

function sizeRule(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig): string {
  const small = issue.code === 'too_small';
  const limit = Number('minimum' in issue ? issue.minimum : issue.maximum);
  const inclusive = issue.inclusive !== false;
  if (issue.origin === 'string') {
    if (small && limit === 1) return 'must not be empty';
    return small ? `must be at least ${limit} characters long` : `must be at most ${limit} characters long`;
  }
  if (issue.origin === 'array') {
    if (small && limit === 1) return 'must list at least one item';
    return small ? `must have at least ${limit} items` : `must have at most ${limit} items`;
  }
  const relation = small ? (inclusive ? 'at least' : 'more than') : inclusive ? 'at most' : 'less than';
  return `must be ${relation} ${limit}`;
}

function article(expected: string): string {
  if (expected === 'object') return 'an object';
  if (expected === 'array') return 'a list';
  if (expected === 'boolean') return 'true or false';
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string')
    return `the text ${JSON.stringify(value.length > 30 ? `${value.slice(0, 30)}…` : value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value === 'number' ? 'the number' : 'the value'} ${String(value)}`;
}
