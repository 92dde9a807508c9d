import { detectFormat } from './detect';
import { parseCsv, parseTsv } from './parse-delimited';
import { parseJsonDocument, parseJsonl } from './parse-json';
import type { DatasetFormat, DatasetTable, TableOptions } from './table';

/** Options for reading a dataset file into a table. */
export interface ReadOptions extends TableOptions {
  /** The format; detected from `fileName` and the text when absent. */
  format?: DatasetFormat;
  /** The file's name, used to detect the format. */
  fileName?: string;
}

/** Reads a dataset file of any supported format into columns and rows, reporting bad rows. */
export function parseDatasetTable(text: string, options: ReadOptions = {}): DatasetTable {
  const format = options.format ?? detectFormat(options.fileName ?? '', text);
  switch (format) {
    case 'jsonl':
      return parseJsonl(text);
    case 'json':
      return parseJsonDocument(text);
    case 'csv':
      return parseCsv(text, options);
    case 'tsv':
      return parseTsv(text, options);
  }
}
