/**
 * Builds tolerant regular expressions from readable phrase sources. A space in a source matches any
 * run of spaces and light punctuation, so "add the numbers up" also matches "Add the numbers, up".
 */

const GAP = '[\\s,;:\\-]+';

/** A case-insensitive, word-bounded regex from a phrase source (spaces become tolerant gaps). */
export function phrase(source: string): RegExp {
  return new RegExp(`\\b${source.replaceAll(' ', GAP)}\\b`, 'gi');
}

/** Like `phrase`, but ends with a quoted literal captured as group 1, 2 or 3 (', " or curly). */
export function phraseWithQuote(source: string): RegExp {
  return new RegExp(`\\b${source.replaceAll(' ', GAP)}${GAP}${QUOTED}`, 'gi');
}

/** A quoted literal: '...', "..." or “...”. The first non-undefined group is the content. */
const QUOTED = `(?:'([^'\\n]*)'|"([^"\\n]*)"|\u201c([^\u201d\\n]*)\u201d)`;

/** The quoted literal of a `phraseWithQuote` match (the first defined group from `from`). */
export function quotedGroup(match: RegExpExecArray, from = 1): string | undefined {
  for (let i = from; i < match.length; i++) {
    const g = match[i];
    if (g !== undefined) return g;
  }
  return undefined;
}

/** Digits or a number word, as a regex source with one capture group. */
export const COUNT = '(\\d+|zero|one|two|three|four|five|six|seven|eight|nine|ten)';

const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/** Reads a COUNT capture ("2" or "two") as a number. */
export function readCount(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const lower = raw.toLowerCase();
  const idx = WORDS.indexOf(lower);
  if (idx >= 0) return idx;
  const n = Number(lower);
  return Number.isInteger(n) ? n : undefined;
}

/** Quotes a literal for a canonical phrasing, picking a quote character it does not contain. */
export function quoteLiteral(text: string): string {
  return text.includes("'") ? `"${text}"` : `'${text}'`;
}
