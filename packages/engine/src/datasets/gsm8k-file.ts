import { extractGsm8kAnswer } from './gsm8k';
import { parseJsonOrThrow } from './text';
import type { Example } from './types';

/**
 * Reads an official GSM8K file (`grade_school_math/data/{train,test}.jsonl`: one
 * `{"question", "answer"}` per line) into examples `gsm8k-<split>-<i>` (i = 0-based line index),
 * the question as the `question` field and the number after `####` as the target. Throws with the
 * line number on a malformed line.
 */
export function parseGsm8kFile(text: string, split: 'train' | 'test'): Example[] {
  const out: Example[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const where = `GSM8K ${split} line ${i + 1}`;
    const row = parseJsonOrThrow(line, where) as { question?: unknown; answer?: unknown } | null;
    if (typeof row?.question !== 'string' || typeof row.answer !== 'string')
      throw new Error(`${where}: needs string "question" and "answer"`);
    const target = extractGsm8kAnswer(row.answer);
    if (target === null) throw new Error(`${where}: the answer has no "#### <number>"`);
    out.push({ id: `gsm8k-${split}-${i}`, inputs: { question: row.question }, target });
  });
  return out;
}
