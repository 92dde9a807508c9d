/**
 * Fenced ```json blocks: how meta-prompts carry their payload and how answers come back.
 * Shared by the engine (writing requests, reading answers) and the simulator (reading requests,
 * writing answers) so both sides agree on one format.
 */

const FENCE = /```json[ \t]*\r?\n([\s\S]*?)\r?\n[ \t]*```/g;

/** Wraps a value as one fenced ```json block (pretty-printed so people can read it too). */
export function toJsonBlock(value: unknown): string {
  return `\`\`\`json\n${JSON.stringify(value, null, 2)}\n\`\`\``;
}

/** All fenced ```json block bodies in `text`, in order (raw strings, not parsed). */
export function findJsonBlocks(text: string): string[] {
  return [...text.matchAll(FENCE)].map((m) => m[1] ?? '');
}

/** Result of reading exactly one JSON block out of a text. */
export type JsonBlockResult = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * Reads the single fenced ```json block of `text`. The last block wins when a model echoes the
 * request before answering; a missing block or invalid JSON is an error with a reason a person
 * (or a repair prompt) can act on.
 */
export function readLastJsonBlock(text: string): JsonBlockResult {
  const blocks = findJsonBlocks(text);
  const body = blocks.at(-1);
  if (body === undefined) return { ok: false, error: 'the answer has no fenced ```json block' };
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (err) {
    return { ok: false, error: `the answer's json block is not valid JSON (${(err as Error).message})` };
  }
}
