/**
 * Column names for LIAR's header-less TSV files (from the dataset's README), to pass as
 * `columnNames` when reading them.
 */
export const LIAR_COLUMNS = [
  'id',
  'label',
  'statement',
  'subjects',
  'speaker',
  'job_title',
  'state',
  'party',
  'barely_true_count',
  'false_count',
  'half_true_count',
  'mostly_true_count',
  'pants_fire_count',
  'context',
] as const;
