/**
 * GSM8K's final answer from a worked solution: the number after `#### `, with thousands
 * separators removed (`#### 2,125` gives `2125`). Same rule as upstream
 * `grade_school_math/dataset.py:extract_answer` (regex `#### (\-?[0-9\.\,]+)`, then remove commas).
 * Returns null when the solution has no `####` answer.
 */
export function extractGsm8kAnswer(solution: string): string | null {
  const match = /#### (-?[0-9.,]+)/.exec(solution);
  return match ? match[1]!.trim().replace(/,/g, '') : null;
}
