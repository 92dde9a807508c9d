/**
 * The shapes of the credit suites (issue #16): workflows in shapes the single-fault fixtures lack —
 * chains of 7 and 8 steps, a diamond with a skip edge, a fan-in of four, a fan-out of three, two
 * outputs, and a step whose right answer depends on a sibling input. Faults are injected into them
 * programmatically by `credit-faults.ts`; `generate-credit-suites.ts` writes the files.
 */
import { randomInt, sample } from '../src/engine';
import { amount, answerFrom, messySentence, nodeTable, pick, s, WORDS } from './fixture-data';
import type { FixtureSpec } from './fixture-specs';

export const chain7Scores: FixtureSpec = {
  name: 'chain7-scores',
  title: 'Best weighted score (chain of 7)',
  description: 'Extract scores, weight them, add a bonus, keep the best, round, label and add the unit.',
  fields: ['scores'],
  // biome-ignore format: a table, one row per llm node
  nodes: nodeTable(
    [
      // id       label      purpose                inputs (name: from)         steps
      ['extract', 'Extract', 'Reads the scores',    { scores: 'field:scores' }, [s('extract_numbers')]],
      ['weight',  'Weight',  'Applies the weight',  { values: 'extract' },      [s('scale', { n: 3 })]],
      ['bonus',   'Bonus',   'Adds the bonus',      { values: 'weight' },       [s('offset', { n: 5 })]],
      ['best',    'Best',    'Keeps the best',      { values: 'bonus' },        [s('max')]],
      ['round',   'Round',   'Rounds the score',    { value: 'best' },          [s('round', { n: 1 })]],
      ['label',   'Label',   'Labels the score',    { value: 'round' },         [s('prefix', { text: 'Best:' })]],
      ['unit',    'Unit',    'Adds the unit',       { value: 'label' },         [s('suffix', { text: 'points' })]],
    ],
    { extract: 'Scores: {{scores}}' },
  ),
  outputs: answerFrom('unit'),
  makeInputs: (rng) => ({
    scores: `heat one ${amount(rng, 9)}, heat two ${amount(rng, 9)}, heat three ${amount(rng, 9)}, final ${amount(rng, 9)}`,
  }),
};

export const chain8Keywords: FixtureSpec = {
  name: 'chain8-keywords',
  title: 'Keyword banner (chain of 8)',
  description: 'Clean a messy sentence, keep distinct words in order, shorten, reverse and format them.',
  fields: ['sentence'],
  // biome-ignore format: a table, one row per llm node
  nodes: nodeTable(
    [
      // id       label       purpose                   inputs (name: from)             steps
      ['clean',   'Clean',    'Cleans the sentence',    { sentence: 'field:sentence' }, [s('remove_punctuation')]],
      ['lower',   'Lower',    'Normalises the letters', { text: 'clean' },              [s('lower_case')]],
      ['dedupe',  'Dedupe',   'Removes repeats',        { text: 'lower' },              [s('dedupe_words')]],
      ['sort',    'Sort',     'Orders the words',       { text: 'dedupe' },             [s('sort_words')]],
      ['top',     'Top',      'Shortens the list',      { text: 'sort' },               [s('first_words', { n: 4 })]],
      ['flip',    'Flip',     'Reverses the list',      { text: 'top' },                [s('reverse_words')]],
      ['shout',   'Shout',    'Makes it stand out',     { text: 'flip' },               [s('upper_case')]],
      ['banner',  'Banner',   'Formats the banner',     { text: 'shout' },              [s('prefix', { text: 'Keys:' })]],
    ],
  ),
  outputs: answerFrom('banner'),
  makeInputs: (rng) => ({ sentence: messySentence(rng, 8 + randomInt(rng, 4)) }),
};

export const diamondSkipWords: FixtureSpec = {
  name: 'diamond-skip-words',
  title: 'Ends of a sentence (diamond with a skip edge)',
  description: 'A cleaned sentence feeds two branches and, by a skip edge, the merge, which joins all three.',
  fields: ['sentence'],
  // biome-ignore format: a table, one row per llm node
  nodes: nodeTable(
    [
      // id        label       purpose                         inputs (name: from)                                 steps
      ['clean',    'Clean',    'Cleans the sentence',          { sentence: 'field:sentence' },                     [s('remove_punctuation'), s('lower_case')]],
      ['first',    'First',    'Picks the first words',        { text: 'clean' },                                  [s('sort_words'), s('first_words', { n: 2 })]],
      ['last',     'Last',     'Picks the last words',         { text: 'clean' },                                  [s('reverse_words'), s('first_words', { n: 2 })]],
      ['merge',    'Merge',    'Merges the picks and the text', { first: 'first', last: 'last', whole: 'clean' }, [s('join', { text: ' | ' }), s('upper_case')]],
    ],
  ),
  outputs: answerFrom('merge'),
  makeInputs: (rng) => ({ sentence: messySentence(rng, 5 + randomInt(rng, 3)) }),
};

export const fanin4Totals: FixtureSpec = {
  name: 'fanin4-totals',
  title: 'Four figures summed (fan-in of four)',
  description: 'Four branches reduce their own field to a number; the last step adds them and labels it.',
  fields: ['boxes', 'crates', 'note', 'fees'],
  // biome-ignore format: a table, one row per llm node
  nodes: nodeTable(
    [
      // id      label     purpose                      inputs (name: from)                                                  steps
      ['boxes',  'Boxes',  'Counts the apples',         { boxes: 'field:boxes' },                                            [s('product')]],
      ['crates', 'Crates', 'Finds the heaviest crate',  { crates: 'field:crates' },                                          [s('max')]],
      ['words',  'Words',  'Measures the note',         { note: 'field:note' },                                              [s('count_words')]],
      ['fees',   'Fees',   'Finds the smallest fee',    { fees: 'field:fees' },                                              [s('min'), s('round', { n: 0 })]],
      ['total',  'Total',  'Combines the four numbers', { apples: 'boxes', heaviest: 'crates', words: 'words', fee: 'fees' }, [s('sum'), s('round', { n: 1 }), s('prefix', { text: 'Total:' })]],
    ],
    { total: 'Apples: {{apples}}\nHeaviest: {{heaviest}}\nWords: {{words}}\nFee: {{fee}}' },
  ),
  outputs: answerFrom('total'),
  makeInputs: (rng) => ({
    boxes: `${2 + randomInt(rng, 8)} boxes of ${6 + randomInt(rng, 20)} apples`,
    crates: `crates of ${3 + randomInt(rng, 30)}, ${3 + randomInt(rng, 30)} and ${3 + randomInt(rng, 30)} kilos`,
    note: sample(rng, WORDS, 3 + randomInt(rng, 6)).join(' '),
    fees: `fees ${amount(rng, 20)}, ${amount(rng, 20)} and ${amount(rng, 20)}`,
  }),
};

export const fanout3Tags: FixtureSpec = {
  name: 'fanout3-tags',
  title: 'Tag line (fan-out of three)',
  description:
    'One cleaning step feeds three branches (first words, last words, word count); a join formats them.',
  fields: ['sentence'],
  // biome-ignore format: a table, one row per llm node
  nodes: nodeTable(
    [
      // id       label     purpose                    inputs (name: from)                          steps
      ['clean',   'Clean',  'Cleans the sentence',     { sentence: 'field:sentence' },              [s('remove_punctuation'), s('lower_case'), s('dedupe_words')]],
      ['head',    'Head',   'Picks the leading words', { text: 'clean' },                           [s('sort_words'), s('first_words', { n: 2 })]],
      ['tail',    'Tail',   'Picks the trailing words', { text: 'clean' },                          [s('reverse_words'), s('first_words', { n: 2 })]],
      ['size',    'Size',   'Counts the words',        { text: 'clean' },                           [s('count_words')]],
      ['tags',    'Tags',   'Formats the tag line',    { head: 'head', tail: 'tail', size: 'size' }, [s('join', { text: ' / ' }), s('prefix', { text: 'Tags:' })]],
    ],
  ),
  outputs: answerFrom('tags'),
  makeInputs: (rng) => ({ sentence: messySentence(rng, 6 + randomInt(rng, 4)) }),
};

/**
 * Two outputs, and a step whose right answer depends on a sibling input: `share` sees the readings
 * and the total together and keeps the largest of them, so what it should answer changes with its
 * sibling's value (neighbourhood conditioning matters there).
 */
export const twoOutputsReadings: FixtureSpec = {
  name: 'two-outputs-readings',
  title: 'Readings total and peak (two outputs)',
  description: 'Shared extraction feeds a total and a peak that also weighs the total; each is an output.',
  fields: ['readings'],
  // biome-ignore format: a table, one row per llm node
  nodes: nodeTable(
    [
      // id       label      purpose                          inputs (name: from)                    steps
      ['extract', 'Extract', 'Reads the readings',            { readings: 'field:readings' },        [s('extract_numbers')]],
      ['total',   'Total',   'Totals the readings',           { values: 'extract' },                 [s('sum'), s('round', { n: 1 })]],
      ['peak',    'Peak',    'Finds the peak of the values',  { values: 'extract', total: 'total' }, [s('max'), s('prefix', { text: 'Peak:' })]],
    ],
    { extract: 'Readings: {{readings}}', peak: 'Values: {{values}}\nTotal: {{total}}' },
  ),
  outputs: [
    { id: 'total_out', from: 'total', targetKey: 'total' },
    { id: 'peak_out', from: 'peak', targetKey: 'peak' },
  ],
  makeInputs: (rng) => ({
    readings: Array.from(
      { length: 3 + randomInt(rng, 3) },
      () => `${pick(rng, ['a', 'b', 'c'])} ${amount(rng, 30)}`,
    ).join(', '),
  }),
};

/** Every credit-suite shape, in generation order (the order fixes each shape's seed). */
export const CREDIT_SHAPES: FixtureSpec[] = [
  chain7Scores,
  chain8Keywords,
  diamondSkipWords,
  fanin4Totals,
  fanout3Tags,
  twoOutputsReadings,
];
