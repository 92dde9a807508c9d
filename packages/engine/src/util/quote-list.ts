// Its own module so the node kinds' forward steps can use it without importing the planner, which
// looks kinds up in the registry (a load cycle).

/** `"a", "b" and "c"`: for messages that list names. */
export function quoteList(names: readonly string[]): string {
  const quoted = names.map((n) => `"${n}"`);
  return quoted.length <= 1
    ? (quoted[0] ?? 'nothing')
    : `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`;
}
