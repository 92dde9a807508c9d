import { checkJsonLimits, DATASET_JSON_LIMITS } from '../graph/json-limits';
import { parseJsonText } from '../graph/raw-json';
import { isPlainObject } from '../util/objects';
import { arrayElementOffsets } from './json-offsets';
import type { DatasetTable, RowError, TableRow } from './table';
import { lineLocator, splitLines, stripBom } from './text';

/** Reads JSON Lines: one JSON object per line; blank lines are skipped, bad lines reported. */
export function parseJsonl(text: string): DatasetTable {
  const rows: TableRow[] = [];
  const rowErrors: RowError[] = [];
  const columns = new ColumnCollector();
  let index = 0;
  splitLines(stripBom(text)).forEach((lineText, i) => {
    const line = i + 1;
    if (lineText.trim() === '') return;
    const ordinal = index++;
    // Bounded before parsing: a line nested 100,000 deep would overflow later serialisation.
    const exceeded = checkJsonLimits(lineText, DATASET_JSON_LIMITS);
    if (exceeded) {
      rowErrors.push({ line, code: 'too_large', message: `Line ${line}: ${exceeded.message}` });
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(lineText);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      rowErrors.push({ line, code: 'invalid_json', message: `Line ${line} is not valid JSON: ${why}` });
      return;
    }
    if (!isPlainObject(value)) {
      rowErrors.push({
        line,
        code: 'not_an_object',
        message: `Line ${line} is ${kindOf(value)}, not a JSON object.`,
      });
      return;
    }
    columns.add(value);
    rows.push({ line, index: ordinal, values: value });
  });
  return { format: 'jsonl', columns: columns.names, rows, rowErrors };
}

/**
 * Reads a JSON array of objects, or an object whose `examples` array holds them (BIG-Bench Hard's
 * files: `{"canary": ..., "examples": [...]}`). Each element's line is found by scanning the text,
 * so a bad element is reported where an editor shows it.
 */
export function parseJsonDocument(text: string): DatasetTable {
  const body = stripBom(text);
  const empty = (line: number, code: RowError['code'], message: string): DatasetTable => ({
    format: 'json',
    columns: [],
    rows: [],
    rowErrors: [{ line, code, message }],
  });
  const parsed = parseJsonText(body, DATASET_JSON_LIMITS);
  if (!parsed.ok) {
    const code = parsed.problem.code === 'too_large' ? 'too_large' : 'invalid_json';
    return empty(parsed.line ?? 1, code, parsed.problem.message);
  }
  const value = parsed.value;
  const examples =
    isPlainObject(value) && Array.isArray(value.examples) ? (value.examples as unknown[]) : undefined;
  const inExamples = examples !== undefined;
  const items = Array.isArray(value) ? (value as unknown[]) : examples;
  if (items === undefined) {
    return empty(
      1,
      'wrong_shape',
      'A JSON dataset must be a list of objects, or an object with an "examples" list (like BIG-Bench Hard files).',
    );
  }
  const lineOf = lineLocator(body);
  const offsets = arrayElementOffsets(body, inExamples ? 'examples' : null);
  const rows: TableRow[] = [];
  const rowErrors: RowError[] = [];
  const columns = new ColumnCollector();
  items.forEach((item, index) => {
    const offset = offsets[index];
    const line = offset === undefined ? 1 : lineOf(offset);
    if (!isPlainObject(item)) {
      rowErrors.push({
        line,
        code: 'not_an_object',
        message: `Item ${index + 1} (line ${line}) is ${kindOf(item)}, not a JSON object.`,
      });
      return;
    }
    columns.add(item);
    rows.push({ line, index, values: item });
  });
  return { format: 'json', columns: columns.names, rows, rowErrors };
}

class ColumnCollector {
  private readonly seen = new Set<string>();
  readonly names: string[] = [];
  add(record: Record<string, unknown>): void {
    for (const key of Object.keys(record)) {
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      this.names.push(key);
    }
  }
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return `a ${typeof value}`;
}
