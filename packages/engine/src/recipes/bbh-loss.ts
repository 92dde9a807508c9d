import type { BbhTask } from '../datasets/bbh';
import type { LossSpec } from '../graph/loss-spec';

/** BBH tasks whose targets are integers: scored on the final number, as TextGrad's metric does. */
const NUMERIC: readonly BbhTask[] = ['object_counting', 'multistep_arithmetic_two'];
/** Free-text targets: a sorted word list (token-exact after normalisation). */
const WORDS: readonly BbhTask[] = ['word_sorting'];
/** Bracket sequences: punctuation is the answer, so normalisation would erase it. */
const BRACKETS: readonly BbhTask[] = ['dyck_languages'];

/**
 * The loss a BBH task is scored with. The reference code compares the parsed final answer with the
 * target string; these losses find that answer in a reasoning reply: `numeric` (last number),
 * `em` on the text after "Answer:" (word_sorting), `contains` for dyck_languages (its
 * brackets are punctuation), and `choice` for every option-letter, Yes/No, True/False and
 * valid/invalid task (the label the reply commits to).
 */
export function bbhLoss(task: BbhTask): LossSpec {
  if (NUMERIC.includes(task)) return { kind: 'numeric', tolerance: 1e-6 };
  if (WORDS.includes(task)) return { kind: 'em' };
  if (BRACKETS.includes(task)) return { kind: 'contains', caseSensitive: true };
  if (task === 'formal_fallacies') return { kind: 'choice', labels: ['valid', 'invalid'] };
  return { kind: 'choice', labels: [] };
}
