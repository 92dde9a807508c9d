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

/** Where a mapping starts for a file read for a workflow (see {@link mappingStartFor}). */
export interface MappingStart {
  /** The fields the workflow's input nodes read that the file has as columns, in the workflow's order. */
  inputColumns: string[];
  targetColumn?: string;
  idColumn?: string;
}

/**
 * Where the mapping of a file read for a workflow starts, in both hosts: each field the workflow's
 * input nodes read (`fields`, from `workflowExampleFields`) that the file has as a column of the
 * same name, and the conventional target and id columns ({@link conventionalColumn}). The command
 * line maps exactly this, plus its flags; the studio's import dialog opens with it chosen.
 */
export function mappingStartFor(columns: readonly string[], fields: readonly string[]): MappingStart {
  const start: MappingStart = { inputColumns: fields.filter((field) => columns.includes(field)) };
  const targetColumn = conventionalColumn(columns, 'target');
  if (targetColumn !== undefined) start.targetColumn = targetColumn;
  const idColumn = conventionalColumn(columns, 'id');
  if (idColumn !== undefined) start.idColumn = idColumn;
  return start;
}
