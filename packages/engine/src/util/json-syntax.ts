/**
 * Where JSON text first breaks, as a character offset, or undefined when it is valid JSON.
 *
 * JSON.parse's messages give a position only for some errors on some runtimes (Node 20 omits it
 * for "Unexpected token"), and people fixing a hand-edited workflow or dataset need a line number.
 * This strict scanner checks only the syntax; it uses an explicit stack, so hostile nesting
 * cannot overflow the call stack.
 */
export function jsonSyntaxErrorOffset(text: string): number | undefined {
  const stack: ('{' | '[')[] = [];
  type Expect = 'value' | 'valueOrEnd' | 'key' | 'keyOrEnd' | 'colon' | 'commaOrEnd';
  let expect: Expect = 'value';
  let i = 0;
  for (;;) {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r'))
      i++;
    if (i >= text.length) return stack.length === 0 && expect === 'commaOrEnd' ? undefined : i;
    const c = text[i]!;
    if (expect === 'valueOrEnd' && c === ']') {
      stack.pop();
      i++;
      expect = 'commaOrEnd';
    } else if (expect === 'keyOrEnd' && c === '}') {
      stack.pop();
      i++;
      expect = 'commaOrEnd';
    } else if (expect === 'value' || expect === 'valueOrEnd') {
      if (c === '{' || c === '[') {
        stack.push(c);
        i++;
        expect = c === '{' ? 'keyOrEnd' : 'valueOrEnd';
      } else {
        const end = c === '"' ? stringEnd(text, i) : scalarEnd(text, i);
        if (end < 0) return -end - 1;
        i = end;
        expect = 'commaOrEnd';
      }
    } else if (expect === 'key' || expect === 'keyOrEnd') {
      if (c !== '"') return i;
      const end = stringEnd(text, i);
      if (end < 0) return -end - 1;
      i = end;
      expect = 'colon';
    } else if (expect === 'colon') {
      if (c !== ':') return i;
      i++;
      expect = 'value';
    } else {
      const top = stack[stack.length - 1];
      if (top === undefined) return i; // text after a complete value
      if (c === ',') expect = top === '{' ? 'key' : 'value';
      else if ((top === '{' && c === '}') || (top === '[' && c === ']')) stack.pop();
      else return i;
      i++;
    }
  }
}

/** 1-based line and column of an offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lines = before.split(/\r\n|\r|\n/);
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

/** End offset of the string starting at `start`, or -(error offset)-1. */
function stringEnd(text: string, start: number): number {
  for (let j = start + 1; j < text.length; j++) {
    const ch = text.charCodeAt(j);
    if (ch === 34) return j + 1; // closing quote
    if (ch < 0x20) return -j - 1; // raw control characters are not allowed in JSON strings
    if (ch === 92) {
      const next = text[j + 1];
      if (next === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(j + 2, j + 6))) return -j - 1;
        j += 5;
      } else if (next !== undefined && '"\\/bfnrt'.includes(next)) j++;
      else return -j - 1;
    }
  }
  return -text.length - 1;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** End offset of the number or literal at `start`, or -(error offset)-1. */
function scalarEnd(text: string, start: number): number {
  for (const literal of ['true', 'false', 'null']) {
    if (text.startsWith(literal, start)) return start + literal.length;
  }
  NUMBER.lastIndex = start;
  return NUMBER.test(text) ? NUMBER.lastIndex : -start - 1;
}
