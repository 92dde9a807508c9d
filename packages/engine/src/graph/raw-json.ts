import { jsonSyntaxErrorOffset, lineAndColumn } from '../util/json-syntax';
import { checkJsonLimits, type JsonLimits } from './json-limits';
import type { Problem } from './problems';
import { formatPath } from './problems';

/**
 * Keys that can rewrite an object's prototype when a parsed document is later spread, merged or
 * assigned. `JSON.parse` itself keeps them as plain own keys, but no part of a workflow document
 * needs them, so they are refused outright instead of trusting every later consumer.
 */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Parses JSON text, or returns a problem: `too_large` when the text exceeds a reading limit
 * (size, nesting depth, one string's length; checked first, in linear time, see `json-limits.ts`),
 * `invalid_json` saying where the syntax breaks (`line` is that line, for readers that number rows).
 */
export function parseJsonText(
  text: string,
  limits?: Readonly<JsonLimits>,
): { ok: true; value: unknown } | { ok: false; problem: Problem; line?: number } {
  const exceeded = checkJsonLimits(text, limits);
  if (exceeded)
    return { ok: false, problem: { code: 'too_large', severity: 'error', message: exceeded.message } };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const offset = jsonSyntaxErrorOffset(text);
    const where = offset === undefined ? undefined : lineAndColumn(text, offset);
    return {
      ok: false,
      ...(where ? { line: where.line } : {}),
      problem: {
        code: 'invalid_json',
        severity: 'error',
        message: `The file is not valid JSON${where ? ` (line ${where.line}, column ${where.column})` : ''}: ${detail}`,
      },
    };
  }
}

/** A value met while walking a document, with the way back to the root (paths are built only when needed). */
interface Visit {
  value: unknown;
  key: string | number | undefined;
  parent: Visit | undefined;
}

function pathOf(visit: Visit): (string | number)[] {
  const path: (string | number)[] = [];
  for (let v: Visit | undefined = visit; v?.key !== undefined; v = v.parent) path.push(v.key);
  return path.reverse();
}

/**
 * Finds every forbidden key (see above) anywhere in a parsed JSON value. Iterative, so a deeply
 * nested hostile document cannot overflow the stack, and linear: each value keeps a link to its
 * parent instead of a copy of its path, so a 100,000-level document is not walked in quadratic time.
 */
export function findForbiddenKeys(value: unknown): Problem[] {
  const problems: Problem[] = [];
  const stack: Visit[] = [{ value, key: undefined, parent: undefined }];
  while (stack.length > 0) {
    const visit = stack.pop()!;
    const current = visit.value;
    if (Array.isArray(current)) {
      current.forEach((item, i) => {
        stack.push({ value: item, key: i, parent: visit });
      });
    } else if (current !== null && typeof current === 'object') {
      for (const key of Object.keys(current)) {
        if (FORBIDDEN_KEYS.has(key)) {
          const at = formatPath([...pathOf(visit), key]);
          problems.push({
            code: 'forbidden_key',
            severity: 'error',
            field: at,
            path: at,
            message: `The key "${key}" at ${at} is not allowed in a workflow document (it could alter object prototypes).`,
          });
        } else {
          stack.push({ value: (current as Record<string, unknown>)[key], key, parent: visit });
        }
      }
    }
  }
  return problems.reverse();
}

/** The value at `path` inside `root`, or undefined when any step is missing. */
export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.hasOwn(current, key)) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}
