/**
 * Example ids must be unique within a dataset: traces, call keys, splits and the studio's tables
 * all find an example by its id. Data files are checked row by row as they are built (build.ts,
 * with line numbers); a dataset that arrives whole (a studio bundle, in the studio or the CLI) is
 * checked here, with the same sentence in both hosts.
 */

/** An example whose id an earlier one already has (0-based positions). */
export interface RepeatedId {
  index: number;
  firstIndex: number;
  id: string;
}

/** The first example whose id an earlier example already has, if any. */
export function firstRepeatedId(examples: readonly { id: string }[]): RepeatedId | undefined {
  const seen = new Map<string, number>();
  for (let index = 0; index < examples.length; index++) {
    const id = examples[index]!.id;
    const firstIndex = seen.get(id);
    if (firstIndex !== undefined) return { index, firstIndex, id };
    seen.set(id, index);
  }
  return undefined;
}

/** The sentence for a repeated id: `example 5 repeats the id "a"; ids must be unique`. */
export function repeatedIdMessage(repeat: RepeatedId): string {
  return `example ${repeat.index + 1} repeats the id ${JSON.stringify(repeat.id)}; ids must be unique`;
}
