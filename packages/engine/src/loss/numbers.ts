/**
 * Reading "the final number" out of free text, the way GSM8K-style answers are graded.
 * Priority, from most to least explicit: the last `#### N` marker (GSM8K's own format), the last
 * `\boxed{N}`, the last number right after the word "answer" ("The answer is 42.", "Answer: $1,200"),
 * and otherwise the last number in the text. A number may carry a sign (`-`, `−`), a `$`,
 * thousands separators (`1,234,567`) and decimals, or be a simple fraction (`3/4`); a `-` glued to
 * a preceding word or digit is a hyphen or a subtraction, not a sign (`10-3` reads as 10 and 3).
 * Digits glued to a letter (`x2`, `b4`) are not numbers, and a run of slashes (a date such as
 * `12/14/1937`) yields only its first part.
 */

// Groups: 1 sign, 2 numerator and 3 denominator of a fraction, 4 a plain number.
const NUMBER = String.raw`(?<![\w./])([-−+])?\$?(?:(\d+)\/(\d+)(?![\d/])|((?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?|\.\d+))`;

/** How the number was found, for feedback that says what was read. */
export type NumberSource = 'marker' | 'boxed' | 'answer' | 'last';

export interface ExtractedNumber {
  value: number;
  /** The text the number was read from, e.g. "#### 42" or "The answer is 42". */
  match: string;
  source: NumberSource;
}

const FINDERS: { source: NumberSource; pattern: RegExp }[] = [
  { source: 'marker', pattern: new RegExp(String.raw`####\s*${NUMBER}`, 'g') },
  { source: 'boxed', pattern: new RegExp(String.raw`\\boxed\{\s*${NUMBER}`, 'g') },
  { source: 'answer', pattern: new RegExp(String.raw`\banswer\b[^\d\n]{0,30}?${NUMBER}`, 'gi') },
  { source: 'last', pattern: new RegExp(NUMBER, 'g') },
];

/** The final number of `text` (see the module comment for the rules), or undefined if it has none. */
export function extractFinalNumber(text: string): ExtractedNumber | undefined {
  for (const { source, pattern } of FINDERS) {
    let last: RegExpMatchArray | undefined;
    for (const m of text.matchAll(pattern)) last = m;
    if (last === undefined) continue;
    const sign = last[1] === '-' || last[1] === '−' ? -1 : 1;
    const magnitude =
      last[4] !== undefined ? Number(last[4].replaceAll(',', '')) : Number(last[2]) / Number(last[3]);
    const value = sign * magnitude;
    if (Number.isFinite(value)) return { value, match: last[0].trim(), source };
  }
  return undefined;
}

/** A number written plainly for feedback: no float noise like 0.30000000000000004. */
export function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(12)));
}
