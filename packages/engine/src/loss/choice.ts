import { fail, pass, quote, unscorable } from './quote';
import type { LossResult } from './types';

/**
 * Multiple-choice answers (BBH's `(A)`..`(F)`, `Yes`/`No`, LIAR's `half-true`...). The output
 * commits to a label when, in order of preference:
 * 1. a label follows the last "answer" phrase that is followed by one in the same sentence
 *    ("So the answer is (B).", "Answer: B"), else the last such "option"/"choice" phrase ("I pick
 *    option C"); a bare letter counts only here, since "A" is also a word;
 * 2. the whole output is a label (`B`, `(B)`, `**Yes**`);
 * 3. otherwise, the label mentioned last (`(X)` for option letters, whole words for word labels).
 * Word labels match case-insensitively and never inside a hyphenated word, so "true" is not
 * found in "half-true".
 */

interface Label {
  /** As written in the spec or target, e.g. "(B)". */
  text: string;
  /** Comparison key: "b" for "(B)" and "B"; "half-true" for "Half-True". */
  key: string;
  /** Mentions anywhere in the text. */
  mention: RegExp;
  /** A bare option letter ("B"), accepted right after an answer phrase only. */
  bareLetter?: RegExp;
}

/** Phrases that introduce a committed label, strongest first: "the answer is" beats "option". */
const ANSWER_PHRASES = [/\banswer\b(?:\s+is)?/gi, /\b(?:option|choice)\b(?:\s+is)?/gi];
/** How far after an answer phrase its label may appear (room for "is: option" or "would be"). */
const ANSWER_WINDOW = 40;
/**
 * The label must be in the same sentence as its answer phrase: an echoed question such as "How
 * would a typical person answer each of the following questions? Options: - Yes - No" names
 * labels after "answer" without committing to any.
 */
const SENTENCE_BREAK = /[.?!\n]/;

/** Comparison key of a label or target: parentheses, emphasis and trailing dots dropped, lower case. */
export function labelKey(text: string): string {
  return text
    .trim()
    .replace(/^[*_"'`]+|[*_"'`.]+$/g, '')
    .replace(/^\((.+)\)$/, '$1')
    .trim()
    .toLowerCase();
}

/**
 * The labels to look for: the spec's, or when it lists none, the family the target belongs to
 * (any `(X)` option letter, Yes/No, True/False), or the target alone.
 */
export function choiceLabels(specLabels: readonly string[], target: string): string[] {
  if (specLabels.length > 0) return [...specLabels];
  const t = target.trim();
  if (/^\([A-Za-z]\)$/.test(t))
    return Array.from({ length: 26 }, (_, i) => `(${String.fromCharCode(65 + i)})`);
  const key = labelKey(t);
  if (key === 'yes' || key === 'no') return ['Yes', 'No'];
  if (key === 'true' || key === 'false') return ['True', 'False'];
  return [t];
}

function compileLabel(text: string): Label {
  const key = labelKey(text);
  const escaped = escapeRegExp(key);
  if (/^[a-z]$/.test(key)) {
    return {
      text,
      key,
      mention: new RegExp(`\\(${escaped}\\)`, 'gi'),
      bareLetter: new RegExp(`(?<![\\w-])${key.toUpperCase()}(?![\\w-])`, 'g'),
    };
  }
  return { text, key, mention: new RegExp(`(?<![\\w-])${escaped}(?![\\w-])`, 'gi') };
}

interface Mention {
  label: Label;
  start: number;
}

function mentions(text: string, labels: Label[], bare: boolean): Mention[] {
  const found: Mention[] = [];
  for (const label of labels) {
    const re = bare ? label.bareLetter : label.mention;
    if (re === undefined) continue;
    for (const m of text.matchAll(re)) found.push({ label, start: m.index });
  }
  return found.sort((a, b) => a.start - b.start);
}

/** The label `output` commits to (see the module comment), as written in `labels`, or undefined. */
export function findCommittedLabel(output: string, labels: readonly string[]): string | undefined {
  const compiled = labels.map(compileLabel);
  const all = [...mentions(output, compiled, false), ...mentions(output, compiled, true)].sort(
    (a, b) => a.start - b.start,
  );
  for (const pattern of ANSWER_PHRASES) {
    const phrases = [...output.matchAll(pattern)].reverse();
    for (const phrase of phrases) {
      const end = phrase.index + phrase[0].length;
      const next = all.find((m) => m.start >= end);
      if (next && next.start <= end + ANSWER_WINDOW && !SENTENCE_BREAK.test(output.slice(end, next.start))) {
        return next.label.text;
      }
    }
  }
  const whole = labelKey(output);
  const exact = compiled.find((l) => l.key === whole);
  if (exact) return exact.text;
  const plain = mentions(output, compiled, false);
  return plain.at(-1)?.label.text;
}

/** Scores 1 when the output commits to the target's label; the feedback names both labels. */
export function choiceLoss(output: string, target: string, specLabels: readonly string[]): LossResult {
  if (target.trim() === '') return unscorable('the target is empty, so the choice loss cannot score it');
  const labels = choiceLabels(specLabels, target);
  const committed = findCommittedLabel(output, labels);
  const expected = target.trim();
  if (committed === undefined) {
    const options = labels.length > 8 ? 'an option label such as (A)' : `one of ${labels.join(', ')}`;
    return fail(`expected ${expected}, but the output does not commit to ${options}: ${quote(output)}`);
  }
  if (labelKey(committed) === labelKey(expected)) return pass(`correct: the output commits to ${committed}`);
  return fail(`expected ${expected}, but the output commits to ${committed}`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
