import { parseDatasetTable, type ReadOptions } from './parse-table';
import type { DatasetFormat, RowError } from './table';
import { cellText } from './table';

/** What the studio's mapping step shows before the person picks input and target columns. */
export interface DatasetInspection {
  format: DatasetFormat;
  columns: string[];
  /** The first rows (default 20), every value as text. */
  preview: Record<string, string>[];
  /** Rows that parsed (bad rows are in `rowErrors`, not counted here). */
  rowCount: number;
  rowErrors: RowError[];
  /** CSV/TSV: whether the first line was taken as a header (the person may override it). */
  hasHeader?: boolean;
  /** A mapping to start from, guessed from common column names; absent when nothing fits. */
  suggestedMapping?: { inputColumns: Record<string, string>; targetColumn: string; idColumn?: string };
}

/** Step one of importing: read a file and describe it, without choosing a mapping yet. */
export function inspectDatasetText(
  text: string,
  format?: DatasetFormat,
  options: Omit<ReadOptions, 'format'> & { previewRows?: number } = {},
): DatasetInspection {
  const table = parseDatasetTable(text, format === undefined ? options : { ...options, format });
  const preview = table.rows.slice(0, options.previewRows ?? 20).map((row) => {
    const out: Record<string, string> = {};
    for (const column of table.columns) out[column] = cellText(row.values[column]);
    return out;
  });
  const inspection: DatasetInspection = {
    format: table.format,
    columns: table.columns,
    preview,
    rowCount: table.rows.length,
    rowErrors: table.rowErrors,
  };
  if (table.hasHeader !== undefined) inspection.hasHeader = table.hasHeader;
  const suggestion = suggestMapping(table.columns);
  if (suggestion) inspection.suggestedMapping = suggestion;
  return inspection;
}

const TARGET_NAMES = ['target', 'answer', 'label', 'output', 'expected', 'gold'];
const ID_NAMES = ['id', 'uid', 'example_id', 'qid'];

/**
 * The column that conventionally holds the expected answer or the id (`target`, `answer`, ...;
 * `id`, `uid`, ...; any case), whether or not a whole mapping can be suggested.
 */
export function conventionalColumn(columns: readonly string[], role: 'target' | 'id'): string | undefined {
  const names = role === 'target' ? TARGET_NAMES : ID_NAMES;
  return columns.find((c) => names.includes(c.toLowerCase()));
}

/** Target = the first column named like a target; inputs = the rest except an id column. */
function suggestMapping(columns: readonly string[]): DatasetInspection['suggestedMapping'] {
  const targetColumn = conventionalColumn(columns, 'target');
  if (targetColumn === undefined) return undefined;
  const idColumn = conventionalColumn(columns, 'id');
  const inputColumns: Record<string, string> = {};
  for (const column of columns) {
    if (column !== targetColumn && column !== idColumn && /^[A-Za-z_][A-Za-z0-9_]*$/.test(column))
      inputColumns[column] = column;
  }
  if (Object.keys(inputColumns).length === 0) return undefined;
  return { inputColumns, targetColumn, ...(idColumn === undefined ? {} : { idColumn }) };
}
