/**
 * Small text helpers every skill shares: finding numbers, formatting them without float noise,
 * splitting words and lines. Kept dependency-free so the simulator runs in a browser Worker.
 */

/**
 * A number in running text. A minus sign counts only when it does not follow a word or digit, so
 * "pages 3-4" reads as 3 and 4 rather than 3 and -4.
 */
const NUMBER = /(?:(?<![\w.])-)?\d+(?:\.\d+)?/g;

/** Every number in `text`, as written (strings keep their decimals, e.g. "2.50"). */
export function numberStrings(text: string): string[] {
  return text.match(NUMBER) ?? [];
}

/** Every number in `text`, parsed. */
export function numbersIn(text: string): number[] {
  return numberStrings(text).map(Number);
}

/** Replaces every number in `text` with `map(value)`, leaving the words around it alone. */
export function mapNumbers(text: string, map: (value: number) => string): string {
  return text.replace(NUMBER, (m) => map(Number(m)));
}

/**
 * Formats a computed number the way a careful person writes it: no binary float noise
 * (0.1 + 0.2 -> "0.3"), no "-0", no trailing zeros.
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return 'NaN';
  const cleaned = Number(value.toFixed(10));
  return Object.is(cleaned, -0) ? '0' : String(cleaned);
}

/** Whitespace-separated words (empty strings dropped). */
export function wordsOf(text: string): string[] {
  return text.split(/\s+/).filter((w) => w.length > 0);
}

/** Non-empty trimmed lines. */
export function linesOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

/** Case-insensitive, whitespace-collapsed, trimmed form used to compare answers. */
export function normalizeAnswer(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Share of tokens two texts have in common (F1 over lower-cased word multisets), in [0, 1]. */
export function tokenOverlap(a: string, b: string): number {
  const wa = wordsOf(a.toLowerCase());
  const wb = wordsOf(b.toLowerCase());
  if (wa.length === 0 && wb.length === 0) return 1;
  if (wa.length === 0 || wb.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const w of wb) counts.set(w, (counts.get(w) ?? 0) + 1);
  let common = 0;
  for (const w of wa) {
    const left = counts.get(w) ?? 0;
    if (left > 0) {
      common++;
      counts.set(w, left - 1);
    }
  }
  if (common === 0) return 0;
  const precision = common / wa.length;
  const recall = common / wb.length;
  return (2 * precision * recall) / (precision + recall);
}

/** Quotes a value for prose the way JSON does, so it can be read back unambiguously. */
export function quote(value: string): string {
  return JSON.stringify(value);
}
