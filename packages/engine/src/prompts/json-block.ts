/**
 * Fenced ```json blocks: how meta-prompts carry their payload and how answers come back.
 * Shared by the engine (writing requests, reading answers) and the simulator (reading requests,
 * writing answers) so both sides agree on one format.
 */
import { expandContext } from './context';

const FENCE = /```json[ \t]*\r?\n([\s\S]*?)\r?\n[ \t]*```/g;

/** Wraps a value as one fenced ```json block (pretty-printed so people can read it too). */
export function toJsonBlock(value: unknown): string {
  return `\`\`\`json\n${JSON.stringify(value, null, 2)}\n\`\`\``;
}

/**
 * Wraps a request's context as one fenced ```json block, compactly: no indentation, one top-level
 * field per line in `keys` order (and one array element per line), so the block costs little more
 * than its values and still reads line by line. A field of `value` that `keys` does not list is a
 * programming error in a template (it would be dropped silently), so it throws.
 */
export function toContextBlock(value: object, keys: readonly string[]): string {
  const record = value as Record<string, unknown>;
  const missing = Object.keys(record).filter((k) => record[k] !== undefined && !keys.includes(k));
  if (missing.length > 0)
    throw new Error(`context field(s) not in the template's order: ${missing.join(', ')}`);
  const lines = keys
    .filter((k) => record[k] !== undefined)
    .map((k) => {
      const field = record[k];
      const body = Array.isArray(field)
        ? field.length === 0
          ? '[]'
          : `[\n${field.map((item) => JSON.stringify(item)).join(',\n')}\n]`
        : JSON.stringify(field);
      return `${JSON.stringify(k)}:${body}`;
    });
  return `\`\`\`json\n{\n${lines.join(',\n')}\n}\n\`\`\``;
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

/** A chat message as the readers below need it. */
interface RoleText {
  role: string;
  content: string;
}

/**
 * The context of a request: the last json block of the latest user message that has one, with
 * the field the sender left out because it follows from the others rebuilt (context.ts). A repair
 * turn refers back to the request above it instead of repeating the context, so the reader looks
 * past user messages without a block. Null when no user message has one.
 */
export function readRequestBlock(messages: readonly RoleText[]): JsonBlockResult | null {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (message?.role !== 'user' || findJsonBlocks(message.content).length === 0) continue;
    const block = readLastJsonBlock(message.content);
    return block.ok ? { ok: true, value: expandContext(block.value) } : block;
  }
  return null;
}
