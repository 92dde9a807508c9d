/**
 * ADAPTER: reading a workflow document from untrusted JSON through the engine's `parseWorkflow`
 * (migrations, forbidden keys, schema), reduced to what the studio shows: a workflow or a sentence.
 * Untrusted text is first checked by size, content and nesting depth in one linear pass
 * ({@link readUntrustedJson}, the depth by the engine's `checkJsonLimits`), so a huge or deeply nested file is refused at once instead of
 * freezing the page in the parser and the (depth-sensitive) checks after it.
 */
import {
  checkJsonLimits,
  type DecodedFile,
  decodeFileBytes,
  parseWorkflow,
  type Workflow,
} from '@backflow/engine';

export type ParseResult = { ok: true; workflow: Workflow } | { ok: false; message: string };

/** Validates a parsed JSON value (or JSON text) as a workflow document. */
export function parseWorkflowValue(value: unknown): ParseResult {
  const r = parseWorkflow(value);
  if (r.ok) return { ok: true, workflow: r.workflow };
  const first = r.problems.slice(0, 3).map((p) => p.message);
  return { ok: false, message: `Not a valid Backflow workflow: ${first.join(' ')}` };
}

/** The largest file Import and the Dataset tab read (a bundle of GSM8K's whole train set is ~5 MB). */
export const MAX_IMPORT_BYTES = 25 * 1024 * 1024;
/** Deeper than any workflow, bundle or dataset needs (a bundle is about 6 levels deep). */
export const MAX_JSON_DEPTH = 64;

/** "12.3 MB", for messages about sizes. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A sentence when a file of `bytes` is too large to import, else undefined. */
export function fileSizeProblem(bytes: number): string | undefined {
  if (bytes > MAX_IMPORT_BYTES)
    return `The file is ${formatBytes(bytes)}; the studio imports files up to ${formatBytes(MAX_IMPORT_BYTES)}. Use the backflow command line for larger ones.`;
  return undefined;
}

/** The Dataset tab's refusal of a file with nothing in it. */
export const EMPTY_DATASET_FILE = 'The file is empty: there is nothing to import.';

/** The clause for content that is not text, in every refusal that says so. */
const BINARY = 'it is binary, not text';

/** A refusal of a picked file that cannot be what was expected: "The file is not JSON: <why>." */
export function fileIsNot(expected: 'JSON' | 'text', why: string): string {
  return `The file is not ${expected}: ${why}.`;
}

/**
 * A picked file's text, decoded as the command line decodes files (the engine's
 * `decodeFileBytes`): UTF-8 or UTF-16, with or without a byte order mark; or why it is not text.
 * Bytes that are not valid UTF-8 (a Latin-1 export, say) are refused with their offset, never
 * read as replacement characters, so no character of a prompt or a dataset is lost silently.
 */
export async function readFileText(file: Blob): Promise<DecodedFile> {
  return decodeFileBytes(new Uint8Array(await file.arrayBuffer()));
}

/**
 * Why a picked file that did not decode cannot be imported, as the studio says it for the kind of
 * file expected: Import reads JSON; the Dataset tab reads JSON (`json`) or text tables.
 */
export function undecodedFileProblem(
  failure: Extract<DecodedFile, { ok: false }>,
  expected: 'workflow' | 'dataset-json' | 'dataset-table',
): string {
  const not = expected === 'dataset-table' ? 'text' : 'JSON';
  if (failure.reason === 'empty')
    return expected === 'workflow' ? fileIsNot('JSON', 'it is empty') : EMPTY_DATASET_FILE;
  return fileIsNot(not, failure.reason === 'binary' ? BINARY : `it ${failure.message}`);
}

/**
 * Why `text` cannot be a text file, as a clause ("it is binary, not text"): NUL or other control
 * bytes near its start, or UTF-16 read as UTF-8. Undefined for text. Only the first 4 KB are read.
 */
export function binaryTextProblem(text: string): string | undefined {
  const head = text.slice(0, 4096);
  // UTF-16 text read as UTF-8 keeps a NUL after every ASCII letter.
  if (/^(\uFFFD\uFFFD|\uFEFF)?([\x20-\x7E]\0){2}/.test(head) || /^\0[\x20-\x7E]\0[\x20-\x7E]/.test(head))
    return 'it looks like UTF-16 text; save it as UTF-8 and import it again';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for binary content is the point
  if (/[\0-\x08\x0E-\x1A\x1C-\x1F]/.test(head)) return BINARY;
  return undefined;
}

/**
 * Whether JSON `text` nests deeper than {@link MAX_JSON_DEPTH}: the engine's one linear pass
 * (`checkJsonLimits`, strings skipped), with the studio's depth as its only limit.
 */
export function nestsTooDeep(text: string): boolean {
  const limits = { maxChars: Number.POSITIVE_INFINITY, maxStringChars: Number.POSITIVE_INFINITY };
  return checkJsonLimits(text, { ...limits, maxDepth: MAX_JSON_DEPTH }) !== undefined;
}

/**
 * Parses untrusted JSON text after refusing, with a sentence, text that is empty, binary, or nested
 * deeper than {@link MAX_JSON_DEPTH}. Syntax errors say "The file is not JSON: …".
 */
export function readUntrustedJson(
  text: string,
): { ok: true; value: unknown } | { ok: false; message: string } {
  if (text.trim() === '') return { ok: false, message: fileIsNot('JSON', 'it is empty') };
  const binary = binaryTextProblem(text);
  if (binary) return { ok: false, message: fileIsNot('JSON', binary) };
  if (nestsTooDeep(text))
    return {
      ok: false,
      message: `The file is not a Backflow file: it is nested more than ${MAX_JSON_DEPTH} levels deep.`,
    };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return { ok: false, message: `The file is not JSON: ${(err as Error).message}` };
  }
}
