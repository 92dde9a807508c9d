/**
 * Quotes a value for feedback text, JSON-style (so stray spaces and newlines stay visible: they
 * matter to the exact loss) and shortened in the middle when long: feedback goes into backward
 * prompts, where a whole chain-of-thought answer would drown the point being made.
 */
export function quote(text: string, max = 160): string {
  if (text.length <= max) return JSON.stringify(text);
  const half = Math.floor((max - 5) / 2);
  return JSON.stringify(`${text.slice(0, half)} … ${text.slice(-half)}`);
}

/** A result for a correct answer, with feedback saying what was checked. */
export function pass(feedback: string): { score: 1; passed: true; feedback: string } {
  return { score: 1, passed: true, feedback };
}

/** A result for a wrong answer. */
export function fail(feedback: string): { score: 0; passed: false; feedback: string } {
  return { score: 0, passed: false, feedback };
}

/** A result for an answer the evaluator could not score; the reason is both error and feedback. */
export function unscorable(error: string): { score: 0; passed: false; feedback: string; error: string } {
  return { score: 0, passed: false, feedback: error, error };
}
