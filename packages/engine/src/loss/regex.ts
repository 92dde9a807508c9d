import { fail, pass, quote, unscorable } from './quote';
import type { LossResult } from './types';

/**
 * The `regex` loss, in two modes chosen by the pattern itself:
 * - with a capture group (a group named `answer`, else group 1): the group of the LAST match is
 *   the answer and must equal the trimmed target (ignoring case when the flags include `i`);
 * - without one: the output must match the pattern (the target is not used).
 */
export function regexLoss(output: string, target: string, pattern: string, flags: string): LossResult {
  // `g` and `y` make RegExp objects stateful; matching below adds `g` itself where it needs it.
  const baseFlags = flags.replace(/[gy]/g, '');
  let re: RegExp;
  try {
    re = new RegExp(pattern, `${baseFlags}g`);
  } catch (err) {
    return unscorable(
      `the loss's regular expression /${pattern}/${flags} is invalid: ${(err as Error).message}`,
    );
  }
  const shown = `/${pattern}/${baseFlags}`;
  const groups = new RegExp(`${pattern}|`, baseFlags).exec('')!.length - 1;
  const matches = [...output.matchAll(re)];
  if (groups === 0) {
    return matches.length > 0
      ? pass(`correct: the output matches ${shown}`)
      : fail(`expected the output to match ${shown}, but it does not: ${quote(output)}`);
  }
  const last = matches.at(-1);
  const answer = last?.groups?.answer ?? last?.[1];
  if (answer === undefined) {
    return fail(
      `expected ${quote(target.trim())}, but no answer matching ${shown} was found in ${quote(output)}`,
    );
  }
  const fold = (s: string) => (baseFlags.includes('i') ? s.trim().toLowerCase() : s.trim());
  if (fold(answer) === fold(target))
    return pass(`correct: the answer ${quote(answer.trim())} matches the target`);
  return fail(`expected ${quote(target.trim())}, got ${quote(answer.trim())} (read with ${shown})`);
}
