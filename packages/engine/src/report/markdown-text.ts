/**
 * Run text (names, prompts, model answers, errors) written into a Markdown report so that no
 * Markdown viewer, not even one that passes raw HTML through, can turn it into markup: the CLI's
 * `report.md` and the studio's exported report both build with these. Prompts and diffs go in
 * fences, ids in code spans, everything else is backslash-escaped.
 */

/** Newlines folded: a heading, list item or table row stays one line. */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}

/**
 * Text as literal Markdown: every character that could start markup is backslash-escaped
 * (CommonMark lets any ASCII punctuation be), so `<script>`, `<img onerror>`,
 * `[x](javascript:...)`, `<javascript:...>` autolinks, emphasis and code spans render as the
 * characters they are, and `|` cannot end a table cell. Newlines are folded.
 */
export function mdText(text: string): string {
  return oneLine(text).replace(/[\\`*_[\]<>&|~!]/g, '\\$&');
}

/**
 * An id (node, model, file) as an inline code span, which CommonMark never reads as markup:
 * delimited by a backtick run longer than any inside, padded when it starts or ends with one. In
 * a table row pass `inTable`: `|` is escaped too (GFM ends a cell at `|` even inside code).
 */
export function mdCode(text: string, inTable = false): string {
  const flat = oneLine(text);
  const f = '`'.repeat(longestBacktickRun(flat, 0) + 1);
  const pad = /^[` ]|[` ]$/.test(flat) ? ' ' : '';
  return `${f}${pad}${inTable ? flat.replace(/\|/g, '\\|') : flat}${pad}${f}`;
}

/** A fenced block longer than any backtick run inside, so the text cannot close its own block. */
export function mdFence(text: string, lang: string): string {
  const f = '`'.repeat(longestBacktickRun(text, 2) + 1);
  return `${f}${lang}\n${text}\n${f}`;
}

function longestBacktickRun(text: string, atLeast: number): number {
  return Math.max(atLeast, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
}
