import { fail, pass, quote, unscorable } from './quote';
import type { LossResult } from './types';

/** Scores 1 when the output contains the (trimmed) target. */
export function containsLoss(output: string, target: string, caseSensitive: boolean): LossResult {
  const want = target.trim();
  if (want === '') return unscorable('the target is empty, so the contains loss cannot score it');
  const fold = (s: string) => (caseSensitive ? s : s.toLowerCase());
  if (fold(output).includes(fold(want))) return pass(`correct: the output contains ${quote(want)}`);
  const caseHint =
    caseSensitive && output.toLowerCase().includes(want.toLowerCase())
      ? ' (it does, but in different letter case)'
      : '';
  return fail(`expected the output to contain ${quote(want)}, but it does not${caseHint}: ${quote(output)}`);
}
