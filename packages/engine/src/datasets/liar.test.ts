// LIAR's binary mapping, checked against semantic backprop's reference code:
// HishamAlyahya/semantic_backprop, experiments/data_utils/liar.py (commit aad0c72), which
// keeps Hugging Face `liar` labels {0, 3}, maps label 0 to 1 ("Yes": the statement is a lie) and
// 3 to 0 ("No"), and drops a row when `''.join(filter(str.isalpha, line.split(':')[1][1:]))` is
// '' or 'none' for one of its Statement, Job title, State, Party or Context lines.
// Hugging Face `liar`'s ClassLabel order is false, half-true, mostly-true, true, barely-true,
// pants-fire: labels 0 and 3 are `false` and `true`.

import { parseLiarTsv, sbpFieldHasContent } from './liar';

/** The Hugging Face `liar` ClassLabel names, in their index order. */
const HF_LIAR_LABEL_ORDER = ['false', 'half-true', 'mostly-true', 'true', 'barely-true', 'pants-fire'];

/** A LIAR TSV row: id, label, statement, subject, speaker, job, state, party, 5 counts, context. */
function row(id: number, label: string, fields: Partial<Record<string, string>> = {}): string {
  const f = {
    statement: 'Says taxes rose.',
    job: 'Senator',
    state: 'Texas',
    party: 'republican',
    context: 'a speech',
    ...fields,
  };
  return [
    `${id}.json`,
    label,
    f.statement,
    'taxes',
    'someone',
    f.job,
    f.state,
    f.party,
    '0',
    '0',
    '0',
    '0',
    '0',
    f.context,
  ].join('\t');
}

describe('LIAR sbp-binary, as experiments/data_utils/liar.py', () => {
  it('keeps Hugging Face labels 0 and 3 (false, true) and maps 0 to Yes, 3 to No', () => {
    const kept = [HF_LIAR_LABEL_ORDER[0]!, HF_LIAR_LABEL_ORDER[3]!];
    expect(kept).toEqual(['false', 'true']);
    const text = HF_LIAR_LABEL_ORDER.map((label, i) => row(i + 1, label)).join('\n');
    const examples = parseLiarTsv(text, 'train', 'sbp-binary');
    expect(examples.map((e) => [e.id, e.target])).toEqual([
      ['liar-train-1', 'Yes'],
      ['liar-train-4', 'No'],
    ]);
  });

  it("drops a field whose letters are '' or exactly 'none'; 'None' stays (the check is case-sensitive)", () => {
    expect(sbpFieldHasContent('')).toBe(false);
    expect(sbpFieldHasContent(' 2016 ')).toBe(false);
    expect(sbpFieldHasContent('none')).toBe(false);
    expect(sbpFieldHasContent('n-o-n-e!')).toBe(false);
    expect(sbpFieldHasContent('None')).toBe(true);
    expect(sbpFieldHasContent('NONE')).toBe(true);
    expect(sbpFieldHasContent('Texas')).toBe(true);
  });

  it('looks only at the text before the first colon, as line.split(":")[1] does', () => {
    expect(sbpFieldHasContent('10:30 a.m. speech')).toBe(false);
    expect(sbpFieldHasContent('none: a press release')).toBe(false);
    expect(sbpFieldHasContent('a tweet at 10:34')).toBe(true);
    const text = [
      row(1, 'false', { party: 'none' }),
      row(2, 'false', { party: 'None' }),
      row(3, 'true', { context: '10:30 press call' }),
      row(4, 'true', { job: '' }),
      row(5, 'true', { statement: 'Says: nothing changed.' }),
    ].join('\n');
    expect(parseLiarTsv(text, 'test', 'sbp-binary').map((e) => e.id)).toEqual(['liar-test-2', 'liar-test-5']);
  });
});
