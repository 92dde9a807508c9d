/**
 * How search compares texts: case-sensitive (case is a skill here) but blind to surrounding and
 * repeated whitespace, which no skill is about.
 */
export function sameText(a: string, b: string): boolean {
  return a === b || a.trim().replace(/\s+/g, ' ') === b.trim().replace(/\s+/g, ' ');
}

/** Levenshtein distance between two sequences, a substitution costing `cost(x, y)` (0 when equal). */
export function sequenceDistance<T>(a: readonly T[], b: readonly T[], cost: (x: T, y: T) => number): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur.push(Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost(a[i - 1]!, b[j - 1]!)));
    prev = cur;
  }
  return prev[b.length]!;
}
