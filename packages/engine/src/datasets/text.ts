/** `JSON.parse(text)` for the papers' file readers, or an Error saying "<what>: not JSON (<why>)". */
export function parseJsonOrThrow(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${what}: not JSON (${(error as Error).message})`);
  }
}

/** Removes a leading UTF-8 byte-order mark (Excel and Windows tools write one). */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Splits text into lines on `\r\n`, `\n` or a lone `\r`, so files with Windows, Unix, old Mac or
 * mixed line endings all number their lines the way an editor does. A final line break does not
 * create an extra empty line.
 */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Maps character offsets to 1-based line numbers with a binary search over line starts. */
export function lineLocator(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/**
 * Whether a first row reads as a header: every cell non-empty, distinct, short, and not a number.
 * LIAR's first row, for example, has counts like "0" and so is data. A guess only: the mapping step
 * shows it and lets the person override it.
 */
export function looksLikeHeader(cells: readonly string[]): boolean {
  const trimmed = cells.map((c) => c.trim());
  return (
    trimmed.length > 0 &&
    trimmed.every((c) => c !== '' && c.length <= 64 && !/^[-+]?[\d.,]+%?$/.test(c)) &&
    new Set(trimmed).size === trimmed.length
  );
}

/** Column names for a table: the header's (blank ones filled, duplicates suffixed) or generated. */
export function columnNamesFor(
  header: readonly string[] | undefined,
  width: number,
  given?: readonly string[],
): string[] {
  const names: string[] = [];
  const used = new Set<string>();
  for (let i = 0; i < width; i++) {
    let base = (header?.[i] ?? given?.[i] ?? '').trim() || `column${i + 1}`;
    // Rows become plain objects keyed by column: never let a header rewrite their prototype.
    if (base === '__proto__') base = '__proto___';
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base}_${n}`;
    used.add(name);
    names.push(name);
  }
  return names;
}
