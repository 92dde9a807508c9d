import { parseJsonOrThrow } from './text';
import type { Example } from './types';

/**
 * The distractor context as one text: each paragraph as `Title: sentence sentence ...` (the
 * sentences joined as the file has them: all but the first start with a space), paragraphs
 * separated by a blank line.
 */
export function formatHotpotContext(context: ReadonlyArray<[string, readonly string[]]>): string {
  return context.map(([title, sentences]) => `${title}: ${sentences.join('').trim()}`).join('\n\n');
}

function isParagraph(value: unknown): value is [string, string[]] {
  return (
    Array.isArray(value) &&
    typeof value[0] === 'string' &&
    Array.isArray(value[1]) &&
    value[1].every((s: unknown) => typeof s === 'string')
  );
}

/**
 * Reads an official HotpotQA file (`hotpot_dev_distractor_v1.json` and its train/fullwiki
 * siblings: one JSON array of records) into examples with id `_id`, inputs `question` and
 * `context` (see {@link formatHotpotContext}) and the gold `answer` as target. Throws with the
 * record's index when a record is not that shape.
 */
export function parseHotpotQa(text: string): Example[] {
  const value = parseJsonOrThrow(text, 'HotpotQA');
  if (!Array.isArray(value)) throw new Error('HotpotQA: expected a JSON array of records');
  return value.map((raw, i) => {
    const r = (raw ?? {}) as Record<string, unknown>;
    if (typeof r._id !== 'string' || typeof r.question !== 'string' || typeof r.answer !== 'string')
      throw new Error(`HotpotQA record ${i}: needs string "_id", "question" and "answer"`);
    if (!Array.isArray(r.context) || !r.context.every(isParagraph))
      throw new Error(`HotpotQA record ${i} (${r._id}): "context" must be [title, [sentence, ...]] pairs`);
    return {
      id: r._id,
      inputs: { question: r.question, context: formatHotpotContext(r.context) },
      target: r.answer,
    };
  });
}
