/** What the stored formats' migrations (checkpoints, events) share: the walk through their steps. */

/** One migration step: lifts a value of version `from` to version `from + 1`. */
export type Migration = (value: Record<string, unknown>) => Record<string, unknown>;

/**
 * Lifts `value` from version `from` to version `to` by applying each step in turn. `gap(v)` makes
 * the error thrown when no step lifts version `v`. The argument is not changed (steps copy).
 */
export function applyMigrations(
  value: Record<string, unknown>,
  from: number,
  to: number,
  steps: Readonly<Record<number, Migration>>,
  gap: (version: number) => Error,
): Record<string, unknown> {
  let out = value;
  for (let v = from; v < to; v++) {
    const step = steps[v];
    if (!step) throw gap(v);
    out = step(out);
  }
  return out;
}
