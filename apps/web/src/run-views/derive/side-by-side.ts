import { diffLines } from 'diff';

/** One row of a side-by-side diff: a line on the left, on the right, or both. */
export interface DiffRow {
  kind: 'same' | 'removed' | 'added' | 'changed';
  left?: string;
  right?: string;
}

function lines(value: string): string[] {
  const out = value.split('\n');
  if (out.at(-1) === '') out.pop();
  return out;
}

/**
 * Side-by-side rows from a line diff: unchanged lines face each other, a removed block and the
 * added block right after it are paired line by line as "changed" (the rest stay one-sided).
 */
export function sideBySide(before: string, after: string): DiffRow[] {
  const rows: DiffRow[] = [];
  const parts = diffLines(
    before.endsWith('\n') ? before : `${before}\n`,
    after.endsWith('\n') ? after : `${after}\n`,
  );
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (!part) continue;
    if (!part.added && !part.removed) {
      for (const line of lines(part.value)) rows.push({ kind: 'same', left: line, right: line });
      continue;
    }
    const next = parts[i + 1];
    if (part.removed && next?.added) {
      const left = lines(part.value);
      const right = lines(next.value);
      for (let k = 0; k < Math.max(left.length, right.length); k++) {
        const l = left[k];
        const r = right[k];
        if (l !== undefined && r !== undefined) rows.push({ kind: 'changed', left: l, right: r });
        else if (l !== undefined) rows.push({ kind: 'removed', left: l });
        else if (r !== undefined) rows.push({ kind: 'added', right: r });
      }
      i++;
      continue;
    }
    for (const line of lines(part.value))
      rows.push(part.added ? { kind: 'added', right: line } : { kind: 'removed', left: line });
  }
  return rows;
}
