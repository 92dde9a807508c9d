/**
 * How search compares texts: case-sensitive (case is a skill here) but blind to surrounding and
 * repeated whitespace, which no skill is about.
 */
export function sameText(a: string, b: string): boolean {
  return a === b || a.trim().replace(/\s+/g, ' ') === b.trim().replace(/\s+/g, ' ');
}
