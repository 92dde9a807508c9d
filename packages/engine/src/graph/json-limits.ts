/**
 * Reading limits for JSON text from outside (workflow documents, studio bundles, JSON datasets,
 * checkpoints), checked in ONE linear pass before `JSON.parse` so a hostile file is refused in
 * milliseconds instead of hanging a tab or the command line. Every later step (forbidden keys,
 * schema, serialisation) can then rely on bounded depth.
 */

/** The limits {@link checkJsonLimits} applies. */
export interface JsonLimits {
  /** Characters of the whole text. */
  maxChars: number;
  /** Nesting of `[` and `{`. */
  maxDepth: number;
  /** Characters of one string literal (a prompt, a code body, a dataset cell), escapes included. */
  maxStringChars: number;
}

/**
 * The defaults, documented in docs/file-formats.md. A workflow nests 4 levels deep and a studio
 * bundle 6, so 1,000 leaves room for any real nested data in dataset cells; prompts of 10 MB are
 * read intact.
 */
export const JSON_LIMITS: Readonly<JsonLimits> = {
  maxChars: 64 * 1024 * 1024,
  maxDepth: 1000,
  maxStringChars: 16 * 1024 * 1024,
};

/** The limits for dataset files, which may be larger than any workflow (100,000s of rows). */
export const DATASET_JSON_LIMITS: Readonly<JsonLimits> = {
  ...JSON_LIMITS,
  maxChars: 256 * 1024 * 1024,
};

/** Which limit a text exceeds, and a sentence saying so. */
export interface JsonLimitExceeded {
  limit: keyof JsonLimits;
  message: string;
}

/**
 * Checks `text` against `limits` without parsing it: one pass over the characters that tracks
 * only whether it is inside a string and how deep the brackets are, so it takes linear time and
 * constant memory whatever the text holds (it says nothing about whether the text is valid JSON).
 * Returns the first limit exceeded, or undefined.
 */
export function checkJsonLimits(
  text: string,
  limits: Readonly<JsonLimits> = JSON_LIMITS,
): JsonLimitExceeded | undefined {
  if (text.length > limits.maxChars) {
    return {
      limit: 'maxChars',
      message: `The text has ${text.length.toLocaleString('en')} characters; the limit is ${limits.maxChars.toLocaleString('en')}.`,
    };
  }
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      // Jump to the closing quote with the native search: prompts are most of a workflow's text.
      const end = closingQuote(text, i + 1);
      if (end - i - 1 > limits.maxStringChars) return longString(end - i - 1, limits);
      i = end;
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > limits.maxDepth) {
        return {
          limit: 'maxDepth',
          message: `The JSON nests deeper than ${limits.maxDepth.toLocaleString('en')} levels (at character ${i + 1}); no Backflow file needs more.`,
        };
      }
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) depth--;
  }
  return undefined;
}

/**
 * The index of the quote that closes a string starting at `from`, or the text's length when it
 * is unterminated. A quote preceded by an odd run of backslashes is escaped; each run is counted
 * once, so the search stays linear.
 */
function closingQuote(text: string, from: number): number {
  for (let at = text.indexOf('"', from); at >= 0; at = text.indexOf('"', at + 1)) {
    let backslashes = 0;
    while (at - 1 - backslashes >= from && text.charCodeAt(at - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return at;
  }
  return text.length;
}

function longString(length: number, limits: Readonly<JsonLimits>): JsonLimitExceeded {
  return {
    limit: 'maxStringChars',
    message: `A string in the JSON has ${length.toLocaleString('en')} characters; the limit for one string (a prompt, code, a cell) is ${limits.maxStringChars.toLocaleString('en')}.`,
  };
}

/**
 * The nesting depth limit for an already-parsed value (a document handed over as an object, e.g.
 * unwrapped from a studio bundle). Iterative, linear in the size of the value.
 */
export function exceedsDepth(value: unknown, maxDepth: number = JSON_LIMITS.maxDepth): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth + 1 > maxDepth) return true;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return false;
}
