import { jsonSyntaxErrorOffset, lineAndColumn } from '../util/json-syntax';
import type { Problem } from './problems';
import { formatPath } from './problems';

/**
 * Keys that can rewrite an object's prototype when a parsed document is later spread, merged or
 * assigned. `JSON.parse` itself keeps them as plain own keys, but no part of a workflow document
 * needs them, so they are refused outright instead of trusting every later consumer.
 */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Parses JSON text, or returns an `invalid_json` problem that says where the syntax breaks. */
export function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false; problem: Problem } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const offset = jsonSyntaxErrorOffset(text);
    const where = offset === undefined ? undefined : lineAndColumn(text, offset);
    return {
      ok: false,
      problem: {
        code: 'invalid_json',
        severity: 'error',
        message: `The file is not valid JSON${where ? ` (line ${where.line}, column ${where.column})` : ''}: ${detail}`,
      },
    };
  }
}

/**
 * Finds every forbidden key (see above) anywhere in a parsed JSON value. Iterative, so a deeply
 * nested hostile document cannot overflow the stack.
 */
export function findForbiddenKeys(value: unknown): Problem[] {
  const problems: Problem[] = [];
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (Array.isArray(current)) {
      current.forEach((item, i) => {
        stack.push({ value: item, path: [...path, i] });
      });
    } else if (current !== null && typeof current === 'object') {
      for (const key of Object.keys(current)) {
        const childPath = [...path, key];
        if (FORBIDDEN_KEYS.has(key)) {
          problems.push({
            code: 'forbidden_key',
            severity: 'error',
            field: formatPath(childPath),
            path: formatPath(childPath),
            message: `The key "${key}" at ${formatPath(childPath)} is not allowed in a workflow document (it could alter object prototypes).`,
          });
        } else {
          stack.push({ value: (current as Record<string, unknown>)[key], path: childPath });
        }
      }
    }
  }
  return problems.reverse();
}

/** True for `{...}` values (not arrays, not null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
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
