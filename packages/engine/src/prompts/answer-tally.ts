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
  const tally = emptyAnswerTally();
  for (const record of records) countAnswer(tally, record);
  return tally;
}

/** A tally of nothing yet. */
export function emptyAnswerTally(): AnswerTally {
  return { direct: 0, lenient: 0, repaired: 0, failed: 0 };
}

/** Adds one call record to `tally` (see {@link tallyAnswers}); records of plain-text calls add nothing. */
export function countAnswer(tally: AnswerTally, record: CallRecord): void {
  if (record.purpose === 'repair') {
    if (record.answer && record.answer.reading !== 'unreadable') tally.repaired++;
    else if (record.answer || record.error !== undefined) tally.failed++;
    return;
  }
  if (record.answer?.reading === 'direct') tally.direct++;
  else if (record.answer?.reading === 'lenient') tally.lenient++;
}

/** The sum of two tallies (a resumed run's earlier processes plus this one). */
export function addAnswerTallies(a: AnswerTally, b: AnswerTally): AnswerTally {
  return {
    direct: a.direct + b.direct,
    lenient: a.lenient + b.lenient,
    repaired: a.repaired + b.repaired,
    failed: a.failed + b.failed,
  };
}

/** The report line (Markdown list item) on how structured answers read; none without a tally. */
export function answerTallyLines(answers: AnswerTally | undefined): string[] {
  if (!answers) return [];
  return [
    `- Structured answers: ${answers.direct} read as asked, ${answers.lenient} read leniently, ${answers.repaired} after a repair call, ${answers.failed} failed`,
  ];
}
