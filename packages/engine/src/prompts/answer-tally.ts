import type { CallRecord } from '../providers/types';

/** How the structured answers of a run read: the figures the report and benchmarks quote. */
export interface AnswerTally {
  /** First answers read as asked (one fenced ```json block, valid, matching the schema). */
  direct: number;
  /** First answers read only after named leniencies (reasoning removed, other fence, commas...). */
  lenient: number;
  /** Questions whose first answer was unreadable and whose repair answer could be read. */
  repaired: number;
  /** Questions whose repair answer could not be read either (or whose repair call failed). */
  failed: number;
}

/**
 * Counts the structured answers of `records` from their `answer` checks: a first call (any purpose
 * but `repair`) is direct or lenient; an unreadable one is followed by a repair call, which counts
 * as repaired when it read and as failed when it did not (or ended in an error).
 */
export function tallyAnswers(records: Iterable<CallRecord>): AnswerTally {
  const tally: AnswerTally = { direct: 0, lenient: 0, repaired: 0, failed: 0 };
  for (const record of records) {
    if (record.purpose === 'repair') {
      if (record.answer && record.answer.reading !== 'unreadable') tally.repaired++;
      else if (record.answer || record.error !== undefined) tally.failed++;
      continue;
    }
    if (record.answer?.reading === 'direct') tally.direct++;
    else if (record.answer?.reading === 'lenient') tally.lenient++;
  }
  return tally;
}
