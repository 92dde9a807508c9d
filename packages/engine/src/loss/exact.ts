import type { LossSpec } from '../graph/loss-spec';
import { fail, pass, quote } from './quote';
import type { LossResult } from './types';

/** Normalisation options of the `exact` loss. */
export type ExactOptions = Omit<Extract<LossSpec, { kind: 'exact' }>, 'kind'>;

const PUNCTUATION = /\p{P}/gu;

/** Applies the exact loss's normalisation to one text. */
export function normalizeText(text: string, opts: ExactOptions): string {
  let out = text;
  if (opts.stripPunctuation) out = out.replace(PUNCTUATION, '');
  if (opts.collapseWhitespace) out = out.replace(/\s+/g, ' ');
  if (opts.trim) out = out.trim();
  if (!opts.caseSensitive) out = out.toLowerCase();
  return out;
}

/**
 * Exact match after normalisation. On a miss the feedback says how close it was (only case,
 * only punctuation, or the answer buried in extra text), since that is what a prompt fix targets.
 */
export function exactLoss(output: string, target: string, opts: ExactOptions): LossResult {
  const got = normalizeText(output, opts);
  const want = normalizeText(target, opts);
  if (got === want) return pass(`correct: the output matches the expected answer ${quote(target)}`);
  const base = `expected ${quote(target)}, got ${quote(output)}`;
  return fail(`${base}${nearMissHint(output, target, opts, got, want)}`);
}

/** Says what a near miss differs in, trying one relaxation at a time; empty for a plain miss. */
function nearMissHint(output: string, target: string, opts: ExactOptions, got: string, want: string): string {
  const sameWith = (relaxed: Partial<ExactOptions>) =>
    normalizeText(output, { ...opts, ...relaxed }) === normalizeText(target, { ...opts, ...relaxed });
  if (opts.caseSensitive && sameWith({ caseSensitive: false })) return ' (they differ only in letter case)';
  if (!opts.stripPunctuation && sameWith({ stripPunctuation: true }))
    return ' (they differ only in punctuation)';
  if (sameWith({ caseSensitive: false, trim: true, collapseWhitespace: true })) {
    return ' (they differ only in whitespace or letter case)';
  }
  if (want !== '' && got.includes(want)) {
    return '; the expected answer appears in the output but is surrounded by other text: answer with the expected value only';
  }
  return '';
}
