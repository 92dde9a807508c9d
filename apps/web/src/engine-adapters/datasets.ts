/**
 * ADAPTER: dataset import for the studio, over the engine's readers (packages/engine/src/datasets/).
 * The studio reads a file once (`inspectDatasetText`), lets the person map columns, then builds
 * the examples from the same table; this file keeps the UI's simple shapes in one place.
 */
import {
  buildDatasetFromTable,
  cellText,
  type Dataset,
  type DatasetFormat,
  type DatasetTable,
  type DecodedFile,
  detectFormat,
  type Example,
  exampleFieldsOf,
  labelSplits,
  mappingStartFor,
  nodeKindOf,
  parseDatasetTable,
  type Workflow,
} from '@backflow/engine';
import { isolate } from '../ui/bidi';
import {
  binaryTextProblem,
  EMPTY_DATASET_FILE,
  fileIsNot,
  MAX_JSON_DEPTH,
  nestsTooDeep,
  undecodedFileProblem,
} from './parse';

export { type DatasetFormat, detectFormat } from '@backflow/engine';

/** A row as read from the file, with the line it came from. */
export interface RawRow {
  line: number;
  values: Record<string, string>;
}

export interface RowError {
  line: number;
  message: string;
}

/** What a file holds before mapping: its columns, rows and unreadable rows. */
export interface InspectedText {
  format: DatasetFormat;
  columns: string[];
  rows: RawRow[];
  errors: RowError[];
  /** The engine's table, mapped later without reading the file again. */
  table: DatasetTable;
}

/** Reads `text` in `format` into rows, collecting bad rows with their line numbers. */
export function inspectDatasetText(
  text: string,
  format: DatasetFormat,
  options: { hasHeader?: boolean } = {},
): InspectedText {
  const table = parseDatasetTable(text, { format, ...options });
  const rows = table.rows.map((row) => ({
    line: row.line,
    // A row without a column (ragged, or JSON without that key) shows an empty cell; `hasOwn` so a
    // column named "constructor" is never read off Object's prototype.
    values: Object.fromEntries(
      table.columns.map((c) => [c, Object.hasOwn(row.values, c) ? cellText(row.values[c]) : '']),
    ),
  }));
  return {
    format: table.format,
    columns: table.columns,
    rows,
    errors: table.rowErrors.map((e) => ({ line: e.line, message: e.message })),
    table,
  };
}

/** How rows become examples. */
export interface DatasetMapping {
  inputFields: string[];
  targetField: string;
  /** Keep only the number after `####` of the target (GSM8K's final answer). */
  extractFinalAnswer: boolean;
}

/**
 * The dialog's first mapping for a file read for the open workflow. It starts where the command
 * line's mapping does (the engine's `mappingStartFor`): the fields the workflow's input nodes read,
 * by name, and the conventional target column. A file without such columns gets a guess to edit:
 * the first column named question/input/text/statement/prompt (else the first that is not the
 * target) as input, the last column as target. Targets in GSM8K's `#### 18` form are cut to the
 * final answer, which the person sees in the preview and can turn off.
 */
export function guessMapping(
  columns: string[],
  rows: RawRow[],
  workflowFields: readonly string[],
): DatasetMapping {
  const start = mappingStartFor(columns, workflowFields);
  const target = start.targetColumn ?? columns.at(-1) ?? '';
  const named = columns.find((c) =>
    ['question', 'input', 'text', 'statement', 'prompt'].includes(c.toLowerCase()),
  );
  const fallback = named ?? columns.find((c) => c !== target);
  const fromWorkflow = start.inputColumns.filter((c) => c !== target);
  const inputFields = fromWorkflow.length > 0 ? fromWorkflow : fallback ? [fallback] : [];
  const extract = rows.slice(0, 20).some((r) => /####\s*\S/.test(r.values[target] ?? ''));
  return { inputFields, targetField: target, extractFinalAnswer: extract };
}

/** Maps rows to examples; rows that cannot become one are reported with their line, not dropped. */
export function buildDataset(
  inspected: InspectedText,
  mapping: DatasetMapping,
  meta: { id: string; name: string; fileName: string },
): { dataset: Dataset; errors: RowError[] } {
  try {
    const { dataset, rowErrors } = buildDatasetFromTable(
      inspected.table,
      {
        inputColumns: Object.fromEntries(mapping.inputFields.map((f) => [f, f])),
        targetColumn: mapping.targetField,
        targetTransform: mapping.extractFinalAnswer ? 'gsm8k-final-answer' : 'none',
      },
      { id: meta.id, name: meta.name, fileName: meta.fileName, format: inspected.format },
    );
    return { dataset, errors: rowErrors.map((e) => ({ line: e.line, message: e.message })) };
  } catch (err) {
    // An unusable mapping (a column the file lacks, no input chosen): say so instead of crashing.
    const empty: Dataset = { id: meta.id, name: meta.name, examples: [], fields: mapping.inputFields };
    return { dataset: empty, errors: [{ line: 0, message: (err as Error).message }] };
  }
}

/**
 * Labels examples train/val/test after the engine's seeded shuffle (same seed, same split),
 * keeping their order in the file; test gets what train and val leave. Every example is labelled
 * afresh ("Shuffle & split"). The engine's `labelSplits` is also what the command line cuts a
 * studio bundle's dataset with.
 */
export function splitDataset(
  examples: readonly Example[],
  options: { seed: number; train: number; val: number },
): Example[] {
  return labelSplits(examples, { ...options, keepLabels: false });
}

/**
 * Sentences naming every field an input node of `doc` reads that some example of `dataset` lacks
 * (a run would fail those examples at the input node). Empty when the dataset fits.
 */
export function datasetFieldProblems(doc: Workflow, dataset: Dataset): string[] {
  const problems: string[] = [];
  for (const node of doc.nodes) {
    for (const field of exampleFieldsOf(node)) {
      const lacking = dataset.examples.filter((e) => !Object.hasOwn(e.inputs, field)).length;
      if (lacking === 0) continue;
      const who =
        lacking === dataset.examples.length
          ? 'no example has it'
          : `${lacking} of ${dataset.examples.length} examples lack it`;
      const fields = dataset.fields.map((f) => `"${f}"`).join(', ') || 'none';
      problems.push(
        `${nodeKindOf(node).label} "${isolate(node.label ?? node.id)}" reads the field "${field}", but ${who} (the dataset's fields: ${fields}).`,
      );
    }
  }
  return problems;
}

/**
 * A picked dataset file (its name and decoded bytes) as the Dataset tab takes it: its text and
 * format, or the sentence refusing it before the mapping step (not text, empty, binary, nested too
 * deep; see {@link datasetFileProblem}).
 */
export function readPickedDataset(
  fileName: string,
  decoded: DecodedFile,
): { ok: true; text: string; format: DatasetFormat } | { ok: false; message: string } {
  if (!decoded.ok) {
    // Without text, the file's name says which kind it was meant to be.
    const json = ['json', 'jsonl'].includes(detectFormat(fileName, ''));
    return { ok: false, message: undecodedFileProblem(decoded, json ? 'dataset-json' : 'dataset-table') };
  }
  const format = detectFormat(fileName, decoded.text);
  const problem = datasetFileProblem(decoded.text, format);
  return problem ? { ok: false, message: problem } : { ok: true, text: decoded.text, format };
}

/**
 * Why a picked dataset file cannot be read at all, as one sentence, or undefined: too large, empty,
 * binary (for a `.json` file: "not JSON"), or JSON nested deeper than any dataset is. Checked
 * before the mapping step so such files never reach the parsers.
 */
export function datasetFileProblem(text: string, format: DatasetFormat): string | undefined {
  if (text.trim() === '') return EMPTY_DATASET_FILE;
  const binary = binaryTextProblem(text);
  const json = format === 'json' || format === 'jsonl';
  if (binary) return fileIsNot(json ? 'JSON' : 'text', binary);
  if (json && nestsTooDeep(text))
    return `The file is not a dataset: it is nested more than ${MAX_JSON_DEPTH} levels deep.`;
  return undefined;
}
