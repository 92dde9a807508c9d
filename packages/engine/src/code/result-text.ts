/**
 * Turns whatever user code returned into the string a node outputs: strings pass through,
 * `undefined`/`null` become an empty string, everything else is JSON (so an object result stays
 * readable and machine-parsable downstream instead of becoming "[object Object]").
 */
export function resultToText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return '';
  if (typeof value === 'bigint') return value.toString();
  try {
    const json = JSON.stringify(value);
    // JSON.stringify returns undefined for functions and symbols.
    return json ?? String(value);
  } catch {
    return String(value);
  }
}

/** A one-line description of something user code threw (it may throw any value, not only Errors). */
export function describeThrown(thrown: unknown): string {
  if (thrown instanceof Error) return `${thrown.name}: ${thrown.message}`;
  if (typeof thrown === 'string') return thrown;
  return resultToText(thrown);
}
