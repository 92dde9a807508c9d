/**
 * The ways real models slip when asked to end with one fenced ```json block, as text transforms of
 * the simulator's well-formed answer. Each takes the answer and returns the slipped one; none reads
 * anything but the answer itself (and the request noise that picked it).
 */
/** Every slip the realistic-answers layer can make. */
export const SLIP_KINDS = [
  'prose',
  'unfenced',
  'fence-label',
  'trailing-commas',
  'think',
  'reasoning-content',
  'truncated',
  'refusal',
  'ids',
  'empty',
] as const;

export type SlipKind = (typeof SLIP_KINDS)[number];

/** Slips possible when the endpoint enforces a JSON schema: the content's format cannot slip. */
export const STRUCTURED_SLIPS: readonly SlipKind[] = [
  'think',
  'reasoning-content',
  'truncated',
  'refusal',
  'empty',
];

/** Slips of a forward (plain text) answer: reasoning only; the answer itself stays the model's. */
export const FORWARD_SLIPS: readonly SlipKind[] = ['think', 'reasoning-content'];

/** A slipped answer: its content, reasoning sent apart, and why the model stopped. */
export interface Slipped {
  text: string;
  reasoning?: string;
  finishReason: 'stop' | 'length';
}

const FENCED = /```json[ \t]*\r?\n([\s\S]*?)\r?\n[ \t]*```/g;

/** `text` slipped in the way `kind` says; `reasoning` is the model's scratch work for think slips. */
export function applySlip(kind: SlipKind, text: string, reasoning: string): Slipped {
  const stop = (t: string): Slipped => ({ text: t, finishReason: 'stop' });
  switch (kind) {
    case 'prose':
      return stop(`Sure! Here is my analysis.\n\n${text}\n\nLet me know if you want me to revise anything.`);
    case 'unfenced':
      return stop(replaceLastBlock(text, (body) => body));
    case 'fence-label':
      return stop(
        replaceLastBlock(text, (body) => `\`\`\`${text.length % 2 ? 'JSON' : ''}\n${body}\n\`\`\``),
      );
    case 'trailing-commas':
      return stop(replaceLastBlock(text, (body) => `\`\`\`json\n${addTrailingCommas(body)}\n\`\`\``));
    case 'think':
      return stop(`<think>\n${reasoning}\n</think>\n\n${text}`);
    case 'reasoning-content':
      return { text, reasoning, finishReason: 'stop' };
    case 'truncated':
      return { text: text.slice(0, Math.max(1, Math.floor(text.length * 0.6))), finishReason: 'length' };
    case 'refusal':
      return stop("I'm sorry, but I can't help with that request.");
    case 'ids':
      return stop(replaceLastBlock(text, (body) => `\`\`\`json\n${shiftIds(body)}\n\`\`\``));
    case 'empty':
      return stop('');
  }
}

/** The last fenced json block of `text` rewritten (text without one is left as it is). */
function replaceLastBlock(text: string, rewrite: (body: string) => string): string {
  const last = [...text.matchAll(FENCED)].at(-1);
  if (!last || last.index === undefined) return text;
  return text.slice(0, last.index) + rewrite(last[1] ?? '') + text.slice(last.index + last[0].length);
}

/** A comma after the last member of every multi-line object and array, as hand-edited JSON has. */
function addTrailingCommas(body: string): string {
  return body.replace(/([^,{[\s])(\r?\n[ \t]*[}\]])/g, '$1,$2');
}

/**
 * Missing or extra ids: the first member of the answer that is an object keyed by ids (a record of
 * inputs or targets) loses its last id when it has two or more, else gains an id nobody asked about.
 */
function shiftIds(body: string): string {
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(body) as Record<string, unknown>;
  } catch {
    return body;
  }
  for (const [key, member] of Object.entries(value)) {
    if (!member || typeof member !== 'object' || Array.isArray(member)) continue;
    const ids = Object.keys(member);
    const record = { ...(member as Record<string, unknown>) };
    if (ids.length >= 2) delete record[ids.at(-1) as string];
    else if (ids.length === 1) record.unknown_input = record[ids[0] as string];
    else continue;
    return JSON.stringify({ ...value, [key]: record }, null, 2);
  }
  return body;
}

/** True when the whole text is one JSON object (a structured-outputs answer). */
export function isPureJson(text: string): boolean {
  const t = text.trim();
  if (!t.startsWith('{')) return false;
  try {
    JSON.parse(t);
    return true;
  } catch {
    return false;
  }
}
