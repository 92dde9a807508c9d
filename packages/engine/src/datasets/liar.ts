import { LIAR_COLUMNS } from './presets';
import type { Example } from './types';

/** LIAR's six labels, as its TSV files spell them. */
export const LIAR_LABELS = [
  'pants-fire',
  'false',
  'barely-true',
  'half-true',
  'mostly-true',
  'true',
] as const;

/**
 * How LIAR's labels become the task's target.
 * - `six-way`: the label itself; every row is kept.
 * - `sbp-binary`: semantic backprop's setup (HishamAlyahya/semantic_backprop
 *   `experiments/data_utils/liar.py`, checked against that file): only rows with Hugging Face
 *   `liar` labels 0 and 3 are kept; that dataset's label order is false, half-true, mostly-true,
 *   true, barely-true, pants-fire, so they are `false` and `true` (the reference's comment "true,
 *   barely true" is wrong). Label 0 becomes 1 = "Yes" (the question is "is the statement a lie?"),
 *   3 becomes "No". A row is dropped when one of statement, job title, state, party or context
 *   reads, in its letters before its first colon, "" or exactly "none" (the reference's
 *   `''.join(filter(str.isalpha, line.split(':')[1][1:])) in ['', 'none']`, case-sensitive).
 */
export type LiarMapping = 'six-way' | 'sbp-binary';

/** The fields semantic backprop shows its five evidence nodes (context is shown as "Source"). */
const SBP_FIELDS = ['statement', 'job_title', 'state', 'party', 'context'] as const;

/**
 * The reference's filter, literally: it splits each "Key: value" line on ':' and keeps piece 1,
 * so only the value's text before its own first colon is looked at; "None" or "NONE" stay.
 */
export function sbpFieldHasContent(value: string): boolean {
  const beforeColon = value.split(':')[0]!;
  const letters = [...beforeColon].filter((c) => /\p{L}/u.test(c)).join('');
  return letters !== '' && letters !== 'none';
}

/**
 * Reads a LIAR TSV file (no header, 14 tab-separated columns, quotes not special) into examples
 * `liar-<split>-<statement id>`, inputs named after {@link LIAR_COLUMNS} (statement, speaker, job
 * title, state, party, context, ...), target per `mapping`. Throws with the line number on a row
 * of the wrong width or with an unknown label.
 */
export function parseLiarTsv(
  text: string,
  split: 'train' | 'valid' | 'test',
  mapping: LiarMapping = 'six-way',
): Example[] {
  const out: Example[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line === '') return;
    const cells = line.split('\t');
    if (cells.length !== LIAR_COLUMNS.length)
      throw new Error(
        `LIAR ${split} line ${i + 1}: ${cells.length} columns, expected ${LIAR_COLUMNS.length}`,
      );
    const row = Object.fromEntries(LIAR_COLUMNS.map((name, k) => [name, cells[k]!])) as Record<
      (typeof LIAR_COLUMNS)[number],
      string
    >;
    if (!(LIAR_LABELS as readonly string[]).includes(row.label))
      throw new Error(`LIAR ${split} line ${i + 1}: unknown label "${row.label}"`);
    const { id, label, ...inputs } = row;
    const example: Example = { id: `liar-${split}-${id.replace(/\.json$/, '')}`, inputs, target: label };
    if (mapping === 'six-way') {
      out.push(example);
      return;
    }
    if (label !== 'false' && label !== 'true') return;
    if (!SBP_FIELDS.every((f) => sbpFieldHasContent(row[f]))) return;
    out.push({ ...example, target: label === 'false' ? 'Yes' : 'No' });
  });
  return out;
}
