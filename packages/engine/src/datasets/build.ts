import { extractGsm8kAnswer } from './gsm8k';
import { parseDatasetTable, type ReadOptions } from './parse-table';
import type { DatasetTable, RowError, TableRow } from './table';
import { cellText } from './table';
import type { Dataset, Example } from './types';

/** How a transform turns a target column's text into the expected answer. */
export type TargetTransform = 'none' | 'gsm8k-final-answer';

/** Step two of importing: which columns feed which example fields. */
export interface DatasetMapping {
  /** Column holding a unique id; without it, ids are `<idPrefix>-<0-based record index>`. */
  idColumn?: string;
  /** Example field name -> column, e.g. `{ question: "question" }`. */
  inputColumns: Record<string, string>;
  /** Column holding the expected answer. */
  targetColumn: string;
  /** Extra expected values for workflows with several outputs: targetKey -> column. */
  targetColumns?: Record<string, string>;
  /** Column with split labels (train/val/test; also accepts training, valid, validation, dev). */
  splitColumn?: string;
  /** Applied to the target text; `gsm8k-final-answer` keeps only the number after `####`. */
  targetTransform?: TargetTransform;
}

/** Where the text came from and what to call the dataset. */
export interface BuildOptions extends ReadOptions {
  id?: string;
  name?: string;
  /** Prefix of generated example ids (default `row`). */
  idPrefix?: string;
}

/** The examples built from a file, and every row that could not become one. */
export interface BuildResult {
  dataset: Dataset;
  /** Every row that did not become an example, with its line and reason; never dropped silently. */
  rowErrors: RowError[];
}

/** Thrown when the mapping itself is unusable (names a column the file does not have, ...). */
export class DatasetMappingError extends Error {
  override readonly name = 'DatasetMappingError';
}

/** Reads a dataset file and applies a mapping: parse errors and mapping errors per row together. */
export function buildDataset(text: string, mapping: DatasetMapping, options: BuildOptions = {}): BuildResult {
  return buildDatasetFromTable(parseDatasetTable(text, options), mapping, options);
}

/** Applies a mapping to an already-read table (the studio reads once, then maps). */
export function buildDatasetFromTable(
  table: DatasetTable,
  mapping: DatasetMapping,
  options: BuildOptions = {},
): BuildResult {
  checkMapping(table, mapping);
  const rowErrors = [...table.rowErrors];
  const examples: Example[] = [];
  const seenIds = new Map<string, number>();
  for (const row of table.rows) {
    const result = toExample(row, mapping, options.idPrefix ?? 'row');
    if ('error' in result) {
      rowErrors.push(result.error);
      continue;
    }
    const firstLine = seenIds.get(result.example.id);
    if (firstLine !== undefined) {
      rowErrors.push({
        line: row.line,
        code: 'duplicate_id',
        column: mapping.idColumn,
        message: `Line ${row.line} repeats id "${result.example.id}" from line ${firstLine}; ids must be unique.`,
      });
      continue;
    }
    seenIds.set(result.example.id, row.line);
    examples.push(result.example);
  }
  rowErrors.sort((a, b) => a.line - b.line);
  const name = options.name ?? options.fileName ?? 'dataset';
  const dataset: Dataset = {
    id: options.id ?? (name.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^-+|-+$/g, '') || 'dataset'),
    name,
    examples,
    fields: Object.keys(mapping.inputColumns),
  };
  if (options.fileName !== undefined) dataset.source = { fileName: options.fileName, format: table.format };
  return { dataset, rowErrors };
}

function checkMapping(table: DatasetTable, mapping: DatasetMapping): void {
  const fields = Object.keys(mapping.inputColumns);
  if (fields.length === 0) throw new DatasetMappingError('Map at least one column to an input field.');
  if (fields.some((f) => f.trim() === '' || f === '__proto__'))
    throw new DatasetMappingError(`Input field names must be non-empty and not "__proto__".`);
  const used = [
    ...Object.values(mapping.inputColumns),
    mapping.targetColumn,
    ...Object.values(mapping.targetColumns ?? {}),
    ...(mapping.idColumn === undefined ? [] : [mapping.idColumn]),
    ...(mapping.splitColumn === undefined ? [] : [mapping.splitColumn]),
  ];
  const unknown = [...new Set(used.filter((c) => !table.columns.includes(c)))];
  if (unknown.length > 0 && table.rows.length > 0) {
    throw new DatasetMappingError(
      `The file has no column ${unknown.map((c) => `"${c}"`).join(', ')}; its columns are ${table.columns.map((c) => `"${c}"`).join(', ')}.`,
    );
  }
}

const SPLITS: Record<string, Example['split']> = {
  train: 'train',
  training: 'train',
  val: 'val',
  valid: 'val',
  validation: 'val',
  dev: 'val',
  test: 'test',
  testing: 'test',
};

function toExample(
  row: TableRow,
  mapping: DatasetMapping,
  idPrefix: string,
): { example: Example } | { error: RowError } {
  const { line } = row;
  const fail = (code: RowError['code'], message: string, column: string) => ({
    error: { line, code, message, column },
  });
  const read = (column: string) =>
    Object.hasOwn(row.values, column) ? cellText(row.values[column]) : undefined;
  const inputs: Record<string, string> = {};
  for (const [field, column] of Object.entries(mapping.inputColumns)) {
    const value = read(column);
    if (value === undefined)
      return fail('missing_column', `Line ${line} has no "${column}" (input "${field}").`, column);
    inputs[field] = value;
  }
  const rawTarget = read(mapping.targetColumn);
  if (rawTarget === undefined) {
    return fail(
      'missing_column',
      `Line ${line} has no target column "${mapping.targetColumn}".`,
      mapping.targetColumn,
    );
  }
  let target = rawTarget;
  if (mapping.targetTransform === 'gsm8k-final-answer') {
    const answer = extractGsm8kAnswer(rawTarget);
    if (answer === null) {
      return fail(
        'target_transform_failed',
        `Line ${line}: the target has no "#### <number>" final answer.`,
        mapping.targetColumn,
      );
    }
    target = answer;
  }
  if (target.trim() === '')
    return fail('empty_target', `Line ${line} has an empty target.`, mapping.targetColumn);
  let id = `${idPrefix}-${row.index}`;
  if (mapping.idColumn !== undefined) {
    const value = read(mapping.idColumn)?.trim() ?? '';
    if (value === '')
      return fail('empty_id', `Line ${line} has no id in "${mapping.idColumn}".`, mapping.idColumn);
    id = value;
  }
  const example: Example = { id, inputs, target };
  if (mapping.targetColumns !== undefined) {
    const targets: Record<string, string> = {};
    for (const [key, column] of Object.entries(mapping.targetColumns)) {
      const value = read(column);
      if (value === undefined)
        return fail('missing_column', `Line ${line} has no "${column}" (target "${key}").`, column);
      if (value.trim() === '')
        return fail('empty_target', `Line ${line} has an empty "${column}" (target "${key}").`, column);
      targets[key] = value;
    }
    example.targets = targets;
  }
  if (mapping.splitColumn !== undefined) {
    const label = (read(mapping.splitColumn) ?? '').trim().toLowerCase();
    if (label !== '') {
      const split = SPLITS[label];
      if (split === undefined) {
        return fail(
          'invalid_split',
          `Line ${line} has split "${label}"; use train, val or test (or leave it empty).`,
          mapping.splitColumn,
        );
      }
      example.split = split;
    }
  }
  return { example };
}
