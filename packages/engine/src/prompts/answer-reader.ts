/**
 * Reads the JSON object a model answered with, as real models give it: after removing reasoning
 * blocks, from the last fenced block whatever its label (```json, ```JSON, unlabelled), else from
 * the last balanced `{…}` in the prose, with the common slips repaired (trailing commas, smart
 * quotes). Every leniency is named, so the call log and the report can say which answers needed it.
 */
import { splitReasoning } from './reasoning';

/** One JSON object found in an answer, with the leniencies it took to read it (empty: read as asked). */
export interface AnswerCandidate {
  value: Record<string, unknown>;
  leniencies: string[];
}

/** Every JSON object an answer offers, the most likely answer first; or why there is none. */
export type AnswerCandidates =
  | { ok: true; candidates: AnswerCandidate[] }
  | { ok: false; error: string; leniencies: string[] };

const ANY_FENCE = /```([A-Za-z0-9_-]*)[ \t]*\r?\n([\s\S]*?)\r?\n?[ \t]*```/g;

/**
 * The JSON objects of `text`, the last one first: fenced blocks before bare objects, because a
 * fence is the format asked for. A fenced ```json block read by `JSON.parse` as is, with no
 * reasoning removed, needs no leniency: that is the answer the meta-prompts ask for.
 */
export function readAnswerObjects(text: string): AnswerCandidates {
  const split = splitReasoning(text);
  const base = split.answer === text ? [] : ['reasoning removed'];
  const candidates: AnswerCandidate[] = [];
  const fences = [...split.answer.matchAll(ANY_FENCE)].reverse();
  for (const fence of fences) {
    const label = fence[1] ?? '';
    const labelNote = label === 'json' ? [] : [label ? `fence labelled ${label}` : 'unlabelled fence'];
    const parsed = parseObject(fence[2] ?? '');
    if (parsed)
      candidates.push({ value: parsed.value, leniencies: [...base, ...labelNote, ...parsed.fixes] });
  }
  const bare = split.answer.replace(ANY_FENCE, ' ');
  const objects = balancedObjects(bare);
  // An answer that is one JSON object and nothing else is what structured outputs return: as asked.
  const unfenced =
    objects.length === 1 && fences.length === 0 && bare.trim() === objects[0] ? [] : ['unfenced JSON'];
  for (const body of objects.reverse()) {
    const parsed = parseObject(body);
    if (parsed) candidates.push({ value: parsed.value, leniencies: [...base, ...unfenced, ...parsed.fixes] });
  }
  if (candidates.length > 0) return { ok: true, candidates };
  return { ok: false, error: whyUnreadable(split.answer, fences.length > 0), leniencies: base };
}

function whyUnreadable(answer: string, hadFence: boolean): string {
  if (answer.trim() === '') return 'the answer is empty';
  if (hadFence) return "the answer's fenced block is not a valid JSON object";
  if (answer.includes('{')) return "the answer's JSON object is incomplete (cut off or unbalanced braces)";
  return 'the answer has no fenced ```json block (nor any bare JSON object)';
}

/** `body` as a JSON object: as is, else with trailing commas removed, else with smart quotes too. */
function parseObject(body: string): { value: Record<string, unknown>; fixes: string[] } | undefined {
  const attempts: [string, string[]][] = [[body.trim(), []]];
  const noCommas = removeTrailingCommas(body.trim());
  if (noCommas !== body.trim()) attempts.push([noCommas, ['trailing commas removed']]);
  const straight = straightenQuotes(noCommas);
  if (straight !== noCommas)
    attempts.push([straight, [...(attempts.at(-1)?.[1] ?? []), 'smart quotes replaced']]);
  for (const [source, fixes] of attempts) {
    try {
      const value: unknown = JSON.parse(source);
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        return { value: value as Record<string, unknown>, fixes };
      }
    } catch {
      // try the next repair
    }
  }
  return undefined;
}

/** Commas before a closing brace or bracket, outside strings, removed. */
export function removeTrailingCommas(source: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i] as string;
    if (inString) {
      out += ch;
      if (ch === '\\') out += source[++i] ?? '';
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    if (ch === ',' && /^\s*[}\]]/.test(source.slice(i + 1))) continue;
    out += ch;
  }
  return out;
}

/**
 * Curly double quotes used as JSON delimiters replaced by straight ones. A curly quote inside a
 * string would then end it early, so this is only tried when the text does not parse otherwise.
 */
function straightenQuotes(source: string): string {
  return source.replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"');
}

/** Top-level balanced `{…}` spans of `text` (braces inside strings ignored), in order. */
function balancedObjects(text: string): string[] {
  const spans: string[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (depth > 0 && inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"' && depth > 0) inString = true;
    else if (ch === '{') {
      if (depth === 0) start = i;
      depth++;
    } else if (ch === '}' && depth > 0) {
      depth--;
      if (depth === 0) spans.push(text.slice(start, i + 1));
    }
  }
  return spans;
}
