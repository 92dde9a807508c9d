import Papa from 'papaparse';
import type { DatasetTable, RowError, TableOptions, TableRow } from './table';
import { columnNamesFor, lineLocator, looksLikeHeader, splitLines, stripBom } from './text';

/** One record of a delimited file and the line it starts on. */
interface CellRecord {
  line: number;
  cells: string[];
}

/**
 * Reads TSV by splitting each line on tabs, with NO quote handling: LIAR statements contain `"`
 * and a CSV-style reader would glue rows together. Handles a BOM and any mix of line endings.
 */
export function parseTsv(text: string, options: TableOptions = {}): DatasetTable {
  const records: CellRecord[] = [];
  splitLines(stripBom(text)).forEach((line, i) => {
    if (line.trim() !== '') records.push({ line: i + 1, cells: line.split('\t') });
  });
  return tableFromRecords('tsv', records, [], options);
}

/**
 * Reads CSV with papaparse (quoted fields, embedded commas and line breaks). Line endings are
 * normalised first so a file mixing `\r\n` and `\n` still splits into the right rows; the line
 * numbers stay those an editor shows.
 */
export function parseCsv(text: string, options: TableOptions = {}): DatasetTable {
  const normalized = stripBom(text).replace(/\r\n?/g, '\n');
  const lineOf = lineLocator(normalized);
  const records: CellRecord[] = [];
  const errors: RowError[] = [];
  let rowStart = 0;
  Papa.parse<string[]>(normalized, {
    delimiter: ',',
    newline: '\n',
    header: false,
    skipEmptyLines: false,
    step: (result) => {
      const line = lineOf(rowStart);
      rowStart = result.meta.cursor;
      for (const error of result.errors) {
        errors.push({ line, code: 'csv_syntax', message: `Line ${line}: ${error.message}.` });
      }
      if (result.errors.length > 0) return;
      const cells = result.data;
      if (cells.length === 1 && cells[0]!.trim() === '') return; // a blank line
      records.push({ line, cells });
    },
  });
  return tableFromRecords('csv', records, errors, options);
}

function tableFromRecords(
  format: 'csv' | 'tsv',
  records: CellRecord[],
  errors: RowError[],
  options: TableOptions,
): DatasetTable {
  const first = records[0];
  if (first === undefined) return { format, columns: [], rows: [], rowErrors: errors, hasHeader: false };
  const hasHeader = options.hasHeader ?? looksLikeHeader(first.cells);
  const columns = hasHeader
    ? columnNamesFor(first.cells, first.cells.length)
    : columnNamesFor(undefined, options.columnNames?.length ?? first.cells.length, options.columnNames);
  const rows: TableRow[] = [];
  const rowErrors = [...errors];
  const data = hasHeader ? records.slice(1) : records;
  data.forEach((record, index) => {
    if (record.cells.length !== columns.length) {
      rowErrors.push({
        line: record.line,
        code: 'ragged_row',
        message: `Line ${record.line} has ${record.cells.length} ${format === 'tsv' ? 'tab-separated ' : ''}cells; the ${hasHeader ? 'header' : 'first row'} has ${columns.length}.`,
      });
      return;
    }
    const values: Record<string, unknown> = {};
    columns.forEach((column, i) => {
      values[column] = record.cells[i];
    });
    rows.push({ line: record.line, index, values });
  });
  rowErrors.sort((a, b) => a.line - b.line);
  return { format, columns, rows, rowErrors, hasHeader };
}
