/** Small helpers for plain JSON-like records, shared by the readers, the settings and the stored formats. */

/** A plain object (not null, not an array): the shape every JSON record has. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** `value` without its undefined entries, so that spreading it over defaults keeps the defaults. */
export function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
