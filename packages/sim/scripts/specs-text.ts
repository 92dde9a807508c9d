/** Fixture specs whose tasks rearrange, format or classify words. */
import { randomInt, sample } from '../src/engine';
import {
  answerFrom,
  messySentence,
  mixedReview,
  nodeTable,
  pick,
  plainReview,
  s,
  WORDS,
} from './fixture-data';
import type { FixtureSpec } from './fixture-specs';

export const chain6Keywords: FixtureSpec = {
  name: 'chain6-keywords',
  title: 'Keyword card (deep chain of 6)',
  description: 'Clean a messy sentence step by step and keep its first three distinct words, alphabetically.',
  fields: ['sentence'],
  // biome-ignore format: a table, one row per llm node
  nodes: nodeTable(
    [
      // id      label        purpose                   inputs (name: from)             steps
      ['clean',  'Clean',     'Cleans the sentence',    { sentence: 'field:sentence' }, [s('remove_punctuation')]],
      ['lower',  'Lower',     'Normalises the letters', { text: 'clean' },              [s('lower_case')]],
      ['dedupe', 'Dedupe',    'Removes repeats',        { text: 'lower' },              [s('dedupe_words')]],
      ['sort',   'Sort',      'Orders the words',       { text: 'dedupe' },             [s('sort_words')]],
      ['top',    'Top words', 'Shortens the list',      { text: 'sort' },               [s('first_words', { n: 3 })]],
      ['card',   'Card',      'Formats the card',       { text: 'top' },                [s('upper_case'), s('prefix', { text: 'Keys:' })]],
    ],
  ),
  outputs: answerFrom('card'),
  makeInputs: (rng) => ({ sentence: messySentence(rng, 7 + randomInt(rng, 4)) }),
};

export const diamondWords: FixtureSpec = {
  name: 'diamond-words',
  title: 'First and last words (diamond)',
  description: 'One branch sorts, the other reverses; both keep two words; a merge joins and shouts.',
  fields: ['sentence'],
  // biome-ignore format: a table, one row per llm node
  nodes: nodeTable(
    [
      // id        label       purpose                                 inputs (name: from)                    steps
      ['sorted',   'Sorted',   'Picks the alphabetically first words', { sentence: 'field:sentence' },        [s('sort_words'), s('first_words', { n: 2 })]],
      ['reversed', 'Reversed', 'Picks the last words',                 { sentence: 'field:sentence' },        [s('reverse_words'), s('first_words', { n: 2 })]],
      ['merge',    'Merge',    'Merges both picks',                    { first: 'sorted', last: 'reversed' }, [s('join', { text: ', ' }), s('upper_case')]],
    ],
  ),
  outputs: answerFrom('merge'),
  makeInputs: (rng) => ({ sentence: sample(rng, WORDS, 5 + randomInt(rng, 3)).join(' ') }),
};

export const fanin3Card: FixtureSpec = {
  name: 'fanin3-card',
  title: 'Contact card (fan-in of three)',
  description: 'Three branches format a name, a city and a note length; the last joins them.',
  fields: ['name', 'city', 'note'],
  // biome-ignore format: a table, one row per llm node
  nodes: nodeTable(
    [
      // id    label        purpose              inputs (name: from)                           steps
      ['name', 'Name',      'Formats the name',  { name: 'field:name' },                       [s('upper_case')]],
      ['city', 'City',      'Formats the city',  { city: 'field:city' },                       [s('capitalize_first')]],
      ['size', 'Note size', 'Measures the note', { note: 'field:note' },                       [s('count_words')]],
      ['card', 'Card',      'Builds the card',   { name: 'name', city: 'city', size: 'size' }, [s('join', { text: ' | ' })]],
    ],
  ),
  outputs: answerFrom('card'),
  makeInputs: (rng) => ({
    name: `${pick(rng, ['ada', 'alan', 'grace', 'linus', 'barbara', 'ken', 'margaret', 'dennis'])} ${pick(rng, ['lovelace', 'turing', 'hopper', 'liskov', 'thompson', 'hamilton', 'ritchie'])}`,
    city: pick(rng, [
      'paris',
      'lagos',
      'lima',
      'oslo',
      'kyoto',
      'quito',
      'perth',
      'dakar',
      'new york',
      'cape town',
    ]),
    note: sample(rng, WORDS, 2 + randomInt(rng, 7)).join(' '),
  }),
};

export const chain3Sentiment: FixtureSpec = {
  name: 'chain3-sentiment',
  title: 'Sentiment of the opening (chain of 3)',
  description: 'Keep the first sentence of a review, normalise it, and classify it.',
  fields: ['review'],
  // biome-ignore format: a table, one row per llm node
  nodes: nodeTable(
    [
      // id         label        purpose                inputs (name: from)         steps
      ['opening',   'Opening',   'Keeps the opening',   { review: 'field:review' }, [s('first_sentence')]],
      ['normalise', 'Normalise', 'Normalises the text', { text: 'opening' },        [s('remove_punctuation'), s('lower_case')]],
      ['verdict',   'Verdict',   'Gives the verdict',   { text: 'normalise' },      [s('classify_sentiment'), s('prefix', { text: 'Sentiment:' })]],
    ],
  ),
  outputs: answerFrom('verdict'),
  makeInputs: (rng) => ({ review: mixedReview(rng) }),
};

export const twoOutputsReview: FixtureSpec = {
  name: 'two-outputs-review',
  title: 'Review mood and keywords (two outputs)',
  description:
    'A shared cleaning step feeds a sentiment classifier and a keyword extractor, each its own output.',
  fields: ['review'],
  // biome-ignore format: a table, one row per llm node
  nodes: nodeTable(
    [
      // id        label       purpose                inputs (name: from)         steps
      ['clean',    'Clean',    'Cleans the review',   { review: 'field:review' }, [s('remove_punctuation'), s('lower_case')]],
      ['mood',     'Mood',     'Classifies the mood', { text: 'clean' },          [s('classify_sentiment')]],
      ['keywords', 'Keywords', 'Lists keywords',      { text: 'clean' },          [s('dedupe_words'), s('sort_words'), s('first_words', { n: 4 })]],
    ],
  ),
  outputs: [
    { id: 'mood_out', from: 'mood', targetKey: 'sentiment' },
    { id: 'keywords_out', from: 'keywords', targetKey: 'keywords' },
  ],
  makeInputs: (rng) => ({ review: plainReview(rng) }),
};
