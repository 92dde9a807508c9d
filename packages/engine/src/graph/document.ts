/**
 * Reading and writing workflow documents: JSON text or a value in, a typed {@link Workflow} or
 * every problem found out. Writing is `serializeCanonical` (serialize.ts).
 *
 * Reading runs in order: reading limits (size, depth), JSON syntax, forbidden keys (prototype pollution), the format tag, the
 * version (with migrations from older versions), then the zod schema. Graph-level checks live in
 * `validate.ts`; `checkWorkflow` in `check.ts` runs both.
 */

import { isPlainObject } from '../util/objects';
import { exceedsDepth, JSON_LIMITS } from './json-limits';
import type { Problem, ProblemCode } from './problems';
import { findForbiddenKeys, parseJsonText } from './raw-json';
import { WORKFLOW_FORMAT, WORKFLOW_VERSION, type Workflow, workflowSchema } from './schema';
import { mapSchemaIssues } from './schema-issues';

/** Upgrades a raw document from version N to N+1 (it must set `version` to N+1). */
export type Migration = (doc: Record<string, unknown>) => Record<string, unknown>;

/** Migrations keyed by the version they upgrade FROM. */
export type MigrationRegistry = Readonly<Record<number, Migration>>;

/**
 * The migrations this build knows. Version 1 is the first format, so there are none yet; when
 * version 2 arrives, add `1: (doc) => ({ ...doc, version: 2, ... })` here and bump
 * `WORKFLOW_VERSION` in schema.ts.
 */
export const migrations: MigrationRegistry = {};

/** The outcome of {@link parseWorkflow}. */
export type ParseResult =
  | { ok: true; workflow: Workflow; problems: Problem[] }
  | {
      ok: false;
      problems: Problem[];
      /** The document after migration when it got that far (lets `checkWorkflow` look further). */
      migrated?: Record<string, unknown>;
    };

/** Options of {@link parseWorkflow}. */
export interface ParseOptions {
  /** Overrides {@link migrations} (tests, or reading with a plugin's migrations). */
  migrations?: MigrationRegistry;
}

/**
 * Reads a workflow document from JSON text or an already-parsed value. Never throws: every
 * problem comes back in `problems` with a stable code (`too_large`, `invalid_json`, `forbidden_key`,
 * `wrong_format`, `unsupported_version`, `migration_failed`, or a schema code such as
 * `unknown_field` / `missing_field` / `wrong_type`). Defaults are filled in on success.
 */
export function parseWorkflow(input: unknown, options: ParseOptions = {}): ParseResult {
  let raw = input;
  if (typeof input === 'string') {
    const json = parseJsonText(input);
    if (!json.ok) return { ok: false, problems: [json.problem] };
    raw = json.value;
  } else if (exceedsDepth(input)) {
    return {
      ok: false,
      problems: [
        {
          code: 'too_large',
          severity: 'error',
          message: `The document nests deeper than ${JSON_LIMITS.maxDepth} levels; no workflow needs more.`,
        },
      ],
    };
  }
  const forbidden = findForbiddenKeys(raw);
  if (forbidden.length > 0) return { ok: false, problems: forbidden };
  const header = checkHeader(raw);
  if (header) return { ok: false, problems: [header] };
  const migrated = migrate(raw as Record<string, unknown>, options.migrations ?? migrations);
  if (!migrated.ok) return { ok: false, problems: [migrated.problem] };
  const result = workflowSchema.safeParse(migrated.doc);
  if (!result.success) {
    return {
      ok: false,
      problems: mapSchemaIssues(result.error.issues, migrated.doc),
      migrated: migrated.doc,
    };
  }
  return { ok: true, workflow: result.data, problems: [] };
}

/**
 * A new workflow with no nodes or edges, defaults filled in. The id is derived from the name
 * unless given (the studio passes a unique one).
 */
export function createEmptyWorkflow(name: string, options: { id?: string } = {}): Workflow {
  const slug = name
    .trim()
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .replace(/^[^A-Za-z0-9_]+/, '')
    .slice(0, 128);
  return workflowSchema.parse({
    format: WORKFLOW_FORMAT,
    version: WORKFLOW_VERSION,
    id: options.id ?? (slug === '' ? 'workflow' : slug),
    name: name.trim() === '' ? 'Untitled workflow' : name.trim().slice(0, 200),
    nodes: [],
    edges: [],
  });
}

function checkHeader(raw: unknown): Problem | undefined {
  if (!isPlainObject(raw)) {
    return {
      code: 'wrong_format',
      severity: 'error',
      message: `A workflow document is a JSON object with "format": "${WORKFLOW_FORMAT}"; this is ${Array.isArray(raw) ? 'a list' : typeof raw === 'string' ? 'a string' : String(raw === null ? 'null' : typeof raw)}.`,
    };
  }
  if (raw.format !== WORKFLOW_FORMAT) {
    const got =
      raw.format === undefined ? 'has no "format" field' : `has "format": ${JSON.stringify(raw.format)}`;
    return fieldProblem(
      'wrong_format',
      'format',
      `This is not a Backflow workflow: it ${got}, expected "${WORKFLOW_FORMAT}".`,
    );
  }
  const version = raw.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    return fieldProblem(
      'unsupported_version',
      'version',
      `The workflow's "version" must be a whole number (this build reads version ${WORKFLOW_VERSION} and migrates older ones); got ${JSON.stringify(version) ?? 'nothing'}.`,
    );
  }
  if (version > WORKFLOW_VERSION) {
    return fieldProblem(
      'unsupported_version',
      'version',
      `This workflow was written by a newer Backflow (format version ${version}); this build reads versions up to ${WORKFLOW_VERSION}. Update Backflow to open it.`,
    );
  }
  return undefined;
}

/** An error about the document's `format` or `version` field. */
function fieldProblem(code: ProblemCode, field: string, message: string): Problem {
  return { code, severity: 'error', field, path: field, message };
}

function migrate(
  doc: Record<string, unknown>,
  registry: MigrationRegistry,
): { ok: true; doc: Record<string, unknown> } | { ok: false; problem: Problem } {
  let current = doc;
  for (let version = current.version as number; version < WORKFLOW_VERSION; version++) {
    const step = Object.hasOwn(registry, version) ? registry[version] : undefined;
    const fail = (message: string, code: ProblemCode) => ({
      ok: false as const,
      problem: fieldProblem(code, 'version', message),
    });
    if (step === undefined) {
      return fail(
        `Format version ${version} cannot be read: there is no migration from it to version ${version + 1}.`,
        'unsupported_version',
      );
    }
    try {
      current = step(current);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      return fail(`Migrating the workflow from version ${version} failed: ${why}`, 'migration_failed');
    }
    if (current.version !== version + 1) {
      return fail(
        `The migration from version ${version} did not produce version ${version + 1}.`,
        'migration_failed',
      );
    }
  }
  return { ok: true, doc: current };
}
