import { fail, pass, quote, unscorable } from './quote';
import type { LossResult } from './types';

/**
 * HotpotQA's answer metrics (the official `hotpot_evaluate_v1.py`, which takes SQuAD's
 * `normalize_answer`): exact match and token F1 over normalised answers. Written from the
 * documented steps, not copied.
 */

/** Python's `string.punctuation`: the ASCII punctuation the official script removes (and nothing else). */
const ASCII_PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g;
/** The whole words a, an, the; "whole word" as Python 3's Unicode-aware `\b` reads it. */
const ARTICLES = /(?<![\p{L}\p{N}_])(?:a|an|the)(?![\p{L}\p{N}_])/gu;
/** Answers F1 does not give partial credit to: a yes/no answer is right or wrong. */
const NO_PARTIAL_CREDIT = new Set(['yes', 'no', 'noanswer']);

/**
 * SQuAD/HotpotQA `normalize_answer`, in the official order: lower-case, remove ASCII punctuation,
 * replace the articles a/an/the with a space, then split on whitespace and join with single spaces.
 */
export function normalizeAnswer(text: string): string {
  const lowered = text.toLowerCase();
  const noPunctuation = lowered.replace(ASCII_PUNCTUATION, '');
  const noArticles = noPunctuation.replace(ARTICLES, ' ');
  return noArticles.split(/\s+/).filter(Boolean).join(' ');
}

/** Exact match after {@link normalizeAnswer}: 1 or 0. */
export function answerExactMatch(prediction: string, truth: string): number {
  return normalizeAnswer(prediction) === normalizeAnswer(truth) ? 1 : 0;
}

/**
 * Token F1 between normalised answers (multiset overlap of whitespace tokens), with the official
 * rule that a yes/no/noanswer answer on either side scores 0 unless both are equal.
 */
export function answerTokenF1(prediction: string, truth: string): number {
  const pred = normalizeAnswer(prediction);
  const gold = normalizeAnswer(truth);
  if ((NO_PARTIAL_CREDIT.has(pred) || NO_PARTIAL_CREDIT.has(gold)) && pred !== gold) return 0;
  const predTokens = pred === '' ? [] : pred.split(' ');
  const goldTokens = gold === '' ? [] : gold.split(' ');
  const remaining = new Map<string, number>();
  for (const t of goldTokens) remaining.set(t, (remaining.get(t) ?? 0) + 1);
  let same = 0;
  for (const t of predTokens) {
    const left = remaining.get(t) ?? 0;
    if (left > 0) {
      same += 1;
      remaining.set(t, left - 1);
    }
  }
  if (same === 0) return 0;
  const precision = same / predTokens.length;
  const recall = same / goldTokens.length;
  return (2 * precision * recall) / (precision + recall);
}

/**
 * The answer part of a model's output: the text after the LAST line starting with "Answer:"
 * (reasoning first, answer last, as the recipes' prompts ask), else the whole output.
 */
export function answerPart(output: string): string {
  const lines = output.split(/\r?\n/);
  for (let i = lines.length - 1; i >= 0; i--) {
    const match = /^\s*\**answer\**\s*:\s*(.*)$/i.exec(lines[i]!);
    if (match) return match[1]!.replace(/^\*+|\*+$/g, '').trim();
  }
  return output.trim();
}

/** The `f1` loss: token F1 of the output's answer part against the target, with feedback. */
export function tokenF1Loss(output: string, target: string): LossResult {
  if (normalizeAnswer(target) === '') return unscorable('the target is empty after normalisation');
  const answer = answerPart(output);
  const f1 = answerTokenF1(answer, target);
  if (f1 === 1) return pass(`correct: the answer ${quote(answer)} matches ${quote(target)} (token F1 1)`);
  const detail = `token F1 ${f1.toFixed(3)}: expected ${quote(target)}, got the answer ${quote(answer)}`;
  const why =
    f1 === 0
      ? ' (no word in common after normalisation)'
      : ' (partly overlapping: extra or missing words cost precision or recall)';
  return { score: f1, passed: false, feedback: `${detail}${why}` };
}

/** The `em` loss: exact match of the output's answer part after normalisation. */
export function answerExactLoss(output: string, target: string): LossResult {
  if (normalizeAnswer(target) === '') return unscorable('the target is empty after normalisation');
  const answer = answerPart(output);
  if (answerExactMatch(answer, target) === 1)
    return pass(`correct: the answer ${quote(answer)} matches ${quote(target)} after normalisation`);
  return fail(
    `expected ${quote(target)}, got the answer ${quote(answer)} (no exact match after normalisation)`,
  );
}
