import { extractFinalNumber, formatNumber } from './numbers';
import { fail, pass, quote, unscorable } from './quote';
import type { LossResult } from './types';

/**
 * Compares the final number of the output with the target's (both read with
 * {@link extractFinalNumber}, so a raw GSM8K answer with `#### 18` works as a target too).
 * Scores 1 when they differ by at most `tolerance`.
 */
export function numericLoss(output: string, target: string, tolerance: number): LossResult {
  const want = extractFinalNumber(target);
  if (want === undefined) {
    return unscorable(`the target ${quote(target)} contains no number, so the numeric loss cannot score it`);
  }
  const expected = formatNumber(want.value);
  const got = extractFinalNumber(output);
  if (got === undefined)
    return fail(`expected ${expected}, but the output contains no number: ${quote(output)}`);
  const actual = formatNumber(got.value);
  const where = got.source === 'last' ? 'the last number in the output' : `from ${quote(got.match, 60)}`;
  if (Math.abs(got.value - want.value) <= tolerance) return pass(`correct: ${actual} (${where})`);
  return fail(`expected ${expected}, got ${actual} (${where})`);
}
