/**
 * Character offsets where each element of a JSON document's row array starts: the root array when
 * `key` is null, else the array under that key of the root object. JSON.parse gives no positions,
 * so this light scanner (strings, escapes and nesting only; the text is already known to be valid
 * JSON) recovers them, letting a bad element be reported by line number.
 */
export function arrayElementOffsets(text: string, key: string | null): number[] {
  const offsets: number[] = [];
  let depth = 0;
  let targetDepth = key === null ? 1 : -1;
  let lastString = '';
  let afterColonKey: string | null = null;
  let expectElement = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === ' ' || c === '\n' || c === '\r' || c === '\t') continue;
    if (expectElement && c !== ']') {
      offsets.push(i);
      expectElement = false;
    } else if (expectElement) {
      expectElement = false;
    }
    if (c === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      if (depth === 1 && key !== null) lastString = JSON.parse(text.slice(start, i + 1)) as string;
      continue;
    }
    if (c === ':') {
      afterColonKey = depth === 1 ? lastString : null;
      continue;
    }
    if (c === '[' || c === '{') {
      depth++;
      if (c === '[' && targetDepth === -1 && afterColonKey === key && depth === 2) targetDepth = 2;
      if (c === '[' && depth === targetDepth) expectElement = true;
      afterColonKey = null;
      continue;
    }
    if (c === ']' || c === '}') {
      if (c === ']' && depth === targetDepth) return offsets;
      depth--;
      continue;
    }
    if (c === ',' && depth === targetDepth) expectElement = true;
    afterColonKey = c === ',' ? null : afterColonKey;
  }
  return offsets;
}
