import { isPlainObject } from '../util/objects';
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
  const firstLine = body.split(/\r\n|\r|\n/, 1)[0] ?? '';
  if (extension === 'json' || body.startsWith('[') || body.startsWith('{')) {
    return body.startsWith('{') && parsed(body) === undefined && isPlainObject(parsed(firstLine))
      ? 'jsonl'
      : 'json';
  }
  const tabs = firstLine.split('\t').length - 1;
  const commas = firstLine.split(',').length - 1;
  return tabs > 0 && tabs >= commas ? 'tsv' : 'csv';
}

/** The JSON value of `text`, or undefined when it is not JSON. */
function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
