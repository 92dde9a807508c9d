import type { DatasetFormat } from './table';
import { stripBom } from './text';

/**
 * Guesses a dataset file's format: from its extension first (`.jsonl`/`.ndjson`, `.json`, `.csv`,
 * `.tsv`/`.tab`), then from its content. A `.json` file that is really JSON Lines (common on
 * dataset hubs) is detected as `jsonl`. Without a telling extension, a first line with more tabs
 * than commas means TSV.
 */
export function detectFormat(fileName: string, text: string): DatasetFormat {
  const extension = /\.([A-Za-z]+)$/.exec(fileName.trim())?.[1]?.toLowerCase();
  if (extension === 'jsonl' || extension === 'ndjson') return 'jsonl';
  if (extension === 'csv') return 'csv';
  if (extension === 'tsv' || extension === 'tab') return 'tsv';
  const body = stripBom(text).trimStart();
  if (extension === 'json' || body.startsWith('[') || body.startsWith('{')) {
    return body.startsWith('{') && !parsesAsJson(body) && firstLineIsObject(body) ? 'jsonl' : 'json';
  }
  const firstLine = body.split(/\r\n|\r|\n/, 1)[0] ?? '';
  const tabs = firstLine.split('\t').length - 1;
  const commas = firstLine.split(',').length - 1;
  return tabs > 0 && tabs >= commas ? 'tsv' : 'csv';
}

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function firstLineIsObject(text: string): boolean {
  const first = text.split(/\r\n|\r|\n/, 1)[0] ?? '';
  try {
    const value: unknown = JSON.parse(first);
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  } catch {
    return false;
  }
}
