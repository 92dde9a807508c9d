import { resultToText } from '../code/result-text';

/** The file formats Backflow reads datasets from. */
export type DatasetFormat = 'jsonl' | 'json' | 'csv' | 'tsv';

/** Why a row was not turned into an example. Stable: the studio and CLI group errors by code. */
export type RowErrorCode =
  | 'invalid_json'
  | 'too_large'
  | 'not_an_object'
  | 'wrong_shape'
  | 'ragged_row'
  | 'csv_syntax'
  | 'missing_column'
  | 'empty_target'
  | 'empty_id'
  | 'duplicate_id'
  | 'invalid_split'
  | 'target_transform_failed';

/** A bad row, reported instead of silently dropped. */
export interface RowError {
  /** 1-based line in the file where the row starts. */
  line: number;
  code: RowErrorCode;
  /** The column concerned, when there is one. */
  column?: string;
  /** A sentence saying what is wrong and, where it helps, what was expected. */
  message: string;
}

/** One data record of a file, before mapping. */
export interface TableRow {
  /** 1-based line where the record starts. */
  line: number;
  /** 0-based position among the file's data records (bad ones included), for stable default ids. */
  index: number;
  /** Cell values by column name; JSON values keep their type until mapped. */
  values: Record<string, unknown>;
}

/** A dataset file read into rows and columns, before the mapping step. */
export interface DatasetTable {
  format: DatasetFormat;
  /** Column names in file order (JSON: every key seen, in order of first appearance). */
  columns: string[];
  rows: TableRow[];
  rowErrors: RowError[];
  /** CSV/TSV: whether the first line was read as a header. */
  hasHeader?: boolean;
}

/** How to read a CSV/TSV file; ignored for JSON formats. */
export interface TableOptions {
  /** Whether the first line names the columns; detected when absent. */
  hasHeader?: boolean;
  /** Names for the columns of a file without a header (default `column1`, `column2`, ...). */
  columnNames?: readonly string[];
}

/** The text of a cell as an example field: strings as-is, null as "", other JSON as JSON text. */
export const cellText: (value: unknown) => string = resultToText;
