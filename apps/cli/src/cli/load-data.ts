import { basename } from 'node:path';
import {
  answerKeyOf,
  buildDatasetFromTable,
  type DatasetMapping,
  DatasetMappingError,
  type DatasetTable,
  detectFormat,
  type Example,
  mappingStartFor,
  parseDatasetTable,
  type RowError,
  type TargetTransform,
  type Workflow,
  workflowExampleFields,
} from '@backflow/engine';
import { readChoice } from './args';
import { dataError, usageError } from './exit-codes';
import { readTextFile } from './files';

/** Flags that say how a dataset's columns map to example fields (shared by run and optimize). */
export const dataMappingOptions = {
  input: { type: 'string', multiple: true },
  'target-column': { type: 'string' },
  'id-column': { type: 'string' },
  'target-transform': { type: 'string' },
} as const;

/** Help lines for {@link dataMappingOptions}. */
export const dataMappingUsage = `Dataset options (JSONL, JSON, CSV, TSV; detected from the extension and content):
  --input FIELD=COLUMN     read input field FIELD from COLUMN (repeatable; default: each input
                           node field from the column of the same name)
  --target-column COLUMN   the expected answer (default: a column named target, answer, label...)
  --id-column COLUMN       example ids (default: a column named id, else row-<n>)
  --target-transform gsm8k-final-answer
                           keep only the number after "####" in the target
  Files whose rows already have the studio's example shape ({"id", "inputs": {...}, "target"})
  are read as they are.
`;

/** Mapping flags as parsed. */
export interface MappingFlags {
  input?: string[];
  'target-column'?: string;
  'id-column'?: string;
  'target-transform'?: string;
}

/** Examples read from one file. */
export interface LoadedData {
  file: string;
  examples: Example[];
}

function rowErrorsToError(file: string, errors: readonly RowError[]): Error {
  const first = errors[0]!;
  const more =
    errors.length > 1 ? ` (and ${errors.length - 1} more bad row${errors.length > 2 ? 's' : ''})` : '';
  return dataError(
    `malformed dataset ${file}: line ${first.line}: ${first.message.replace(/^Line \d+:?\s*/, '')}${more}`,
  );
}

function isNativeShape(table: DatasetTable): boolean {
  return (
    table.rows.length > 0 &&
    table.columns.includes('inputs') &&
    table.columns.includes('target') &&
    table.rows.every((r) => r.values.inputs !== null && typeof r.values.inputs === 'object')
  );
}

/** Rows that already have the example shape ({ id?, inputs: {...}, target, targets?, split? }). */
function nativeExamples(file: string, table: DatasetTable): Example[] {
  const text = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
  const seen = new Set<string>();
  return table.rows.map((row) => {
    const v = row.values;
    const fail = (why: string) => dataError(`malformed dataset ${file}: line ${row.line}: ${why}`);
    if (v.target === undefined || v.target === null || text(v.target).trim() === '')
      throw fail('empty target.');
    const inputs = Object.fromEntries(Object.entries(v.inputs as object).map(([k, x]) => [k, text(x)]));
    const id = v.id === undefined ? `row-${row.index}` : text(v.id);
    if (seen.has(id)) throw fail(`repeats id "${id}"; ids must be unique.`);
    seen.add(id);
    const example: Example = { id, inputs, target: text(v.target) };
    if (v.targets && typeof v.targets === 'object') {
      example.targets = Object.fromEntries(Object.entries(v.targets as object).map(([k, x]) => [k, text(x)]));
    }
    if (v.split === 'train' || v.split === 'val' || v.split === 'test') example.split = v.split;
    return example;
  });
}

function mappingFor(table: DatasetTable, workflow: Workflow, flags: MappingFlags): DatasetMapping {
  // Where the studio's import dialog starts too: the workflow's fields by name, the conventional target and id.
  const start = mappingStartFor(table.columns, workflowExampleFields(workflow.nodes));
  const inputColumns: Record<string, string> = Object.fromEntries(start.inputColumns.map((c) => [c, c]));
  for (const pair of flags.input ?? []) {
    const [field, column] = inputPair(pair);
    inputColumns[field] = column;
  }
  const targetColumn = flags['target-column'] ?? start.targetColumn;
  if (targetColumn === undefined) {
    throw dataError(
      `the dataset has no target column (columns: ${table.columns.join(', ')}); name it with --target-column.`,
    );
  }
  const mapping: DatasetMapping = { inputColumns, targetColumn };
  const idColumn = flags['id-column'] ?? start.idColumn;
  if (idColumn !== undefined) mapping.idColumn = idColumn;
  if (table.columns.includes('split')) mapping.splitColumn = 'split';
  const extraKeys = workflow.nodes.flatMap((n) => {
    const key = answerKeyOf(n);
    return key !== undefined && key !== 'target' ? [key] : [];
  });
  const targetColumns = Object.fromEntries(
    extraKeys.filter((k) => table.columns.includes(k)).map((k) => [k, k]),
  );
  if (Object.keys(targetColumns).length > 0) mapping.targetColumns = targetColumns;
  const transform = readTargetTransform(flags);
  if (transform !== undefined) mapping.targetTransform = transform;
  return mapping;
}

/** The `--target-transform` value, checked (a usage error names the known transforms). */
function readTargetTransform(flags: MappingFlags): TargetTransform | undefined {
  return readChoice<TargetTransform>('target-transform', flags['target-transform'], [
    'none',
    'gsm8k-final-answer',
  ]);
}

/**
 * Checks the mapping flags before any file is read, so a typo is a usage error (exit 2) even when
 * the flag would not be needed (a file already in the example shape, a bundled dataset).
 */
export function checkMappingFlags(flags: MappingFlags): void {
  readTargetTransform(flags);
  for (const pair of flags.input ?? []) inputPair(pair);
}

/** `FIELD=COLUMN`, split at the first `=` (a column name may itself contain one). */
function inputPair(pair: string): [string, string] {
  const at = pair.indexOf('=');
  const field = at < 0 ? '' : pair.slice(0, at);
  const column = at < 0 ? '' : pair.slice(at + 1);
  if (!field || !column) throw usageError(`--input takes FIELD=COLUMN; got "${pair}".`);
  return [field, column];
}

/**
 * Reads a dataset file into examples for `workflow`. Strict, because a CI run on half a dataset
 * would report a misleading score: any bad row, a file without examples, or an example lacking one
 * of the workflow's input fields is a data error (exit 1) naming the first line at fault.
 */
export async function loadExamples(
  path: string,
  shownAs: string,
  workflow: Workflow,
  flags: MappingFlags,
): Promise<LoadedData> {
  const text = await readTextFile(path, 'dataset');
  const fileName = basename(path);
  const table = parseDatasetTable(text, { format: detectFormat(fileName, text), fileName });
  if (table.rowErrors.length > 0) throw rowErrorsToError(shownAs, table.rowErrors);
  if (table.rows.length === 0) throw dataError(`dataset ${shownAs} has no examples.`);
  let examples: Example[];
  if (isNativeShape(table) && flags.input === undefined && flags['target-column'] === undefined) {
    examples = nativeExamples(shownAs, table);
  } else {
    let built: ReturnType<typeof buildDatasetFromTable>;
    try {
      built = buildDatasetFromTable(table, mappingFor(table, workflow, flags), { fileName });
    } catch (error) {
      if (error instanceof DatasetMappingError) throw dataError(`dataset ${shownAs}: ${error.message}`);
      throw error;
    }
    if (built.rowErrors.length > 0) throw rowErrorsToError(shownAs, built.rowErrors);
    examples = built.dataset.examples;
  }
  if (examples.length === 0) throw dataError(`dataset ${shownAs} has no examples.`);
  for (const field of workflowExampleFields(workflow.nodes)) {
    const lacking = examples.find((e) => !Object.hasOwn(e.inputs, field));
    if (lacking) {
      throw dataError(
        `dataset ${shownAs}: example "${lacking.id}" has no input "${field}", which the workflow's input node reads (map a column with --input ${field}=COLUMN).`,
      );
    }
  }
  return { file: shownAs, examples };
}
