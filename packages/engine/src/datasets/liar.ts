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
 * - `sbp-binary`: semantic backprop's setup (`experiments/data_utils/liar.py`): only rows labelled
 *   `false` or `true` are kept (Hugging Face `liar` labels 0 and 3), the question is "is the
 *   statement a lie?", so `false` becomes "Yes" and `true` "No"; a row whose statement, job title,
 *   state, party or context has no letters or reads "none" is dropped.
 */
export type LiarMapping = 'six-way' | 'sbp-binary';

/** The fields semantic backprop shows its five evidence nodes (context is shown as "Source"). */
const SBP_FIELDS = ['statement', 'job_title', 'state', 'party', 'context'] as const;

function hasContent(value: string): boolean {
  const letters = [...value].filter((c) => /\p{L}/u.test(c)).join('');
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
    if (!SBP_FIELDS.every((f) => hasContent(row[f].toLowerCase()))) return;
    out.push({ ...example, target: label === 'false' ? 'Yes' : 'No' });
  });
  return out;
}
