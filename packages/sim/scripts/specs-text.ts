/** Fixture specs whose tasks rearrange, format or classify words. */
import { randomInt, sample } from '../src/engine';
import { messySentence, mixedReview, pick, plainReview, s, WORDS } from './fixture-data';
import type { FixtureSpec } from './fixture-specs';

export const chain6Keywords: FixtureSpec = {
  name: 'chain6-keywords',
  title: 'Keyword card (deep chain of 6)',
  description: 'Clean a messy sentence step by step and keep its first three distinct words, alphabetically.',
  fields: ['sentence'],
  nodes: [
    {
      id: 'clean',
      label: 'Clean',
      purpose: 'Cleans the sentence',
      steps: [s('remove_punctuation')],
      inputs: [{ from: 'field:sentence', name: 'sentence' }],
      userTemplate: '{{sentence}}',
    },
    {
      id: 'lower',
      label: 'Lower',
      purpose: 'Normalises the letters',
      steps: [s('lower_case')],
      inputs: [{ from: 'clean', name: 'text' }],
      userTemplate: '{{text}}',
    },
    {
      id: 'dedupe',
      label: 'Dedupe',
      purpose: 'Removes repeats',
      steps: [s('dedupe_words')],
      inputs: [{ from: 'lower', name: 'text' }],
      userTemplate: '{{text}}',
    },
    {
      id: 'sort',
      label: 'Sort',
      purpose: 'Orders the words',
      steps: [s('sort_words')],
      inputs: [{ from: 'dedupe', name: 'text' }],
      userTemplate: '{{text}}',
    },
    {
      id: 'top',
      label: 'Top words',
      purpose: 'Shortens the list',
      steps: [s('first_words', { n: 3 })],
      inputs: [{ from: 'sort', name: 'text' }],
      userTemplate: '{{text}}',
    },
    {
      id: 'card',
      label: 'Card',
      purpose: 'Formats the card',
      steps: [s('upper_case'), s('prefix', { text: 'Keys:' })],
      inputs: [{ from: 'top', name: 'text' }],
      userTemplate: '{{text}}',
    },
  ],
  outputs: [{ id: 'answer', from: 'card', targetKey: 'target' }],
  makeInputs: (rng) => ({ sentence: messySentence(rng, 7 + randomInt(rng, 4)) }),
};

export const diamondWords: FixtureSpec = {
  name: 'diamond-words',
  title: 'First and last words (diamond)',
  description: 'One branch sorts, the other reverses; both keep two words; a merge joins and shouts.',
  fields: ['sentence'],
  nodes: [
    {
      id: 'sorted',
      label: 'Sorted',
      purpose: 'Picks the alphabetically first words',
      steps: [s('sort_words'), s('first_words', { n: 2 })],
      inputs: [{ from: 'field:sentence', name: 'sentence' }],
      userTemplate: '{{sentence}}',
    },
    {
      id: 'reversed',
      label: 'Reversed',
      purpose: 'Picks the last words',
      steps: [s('reverse_words'), s('first_words', { n: 2 })],
      inputs: [{ from: 'field:sentence', name: 'sentence' }],
      userTemplate: '{{sentence}}',
    },
    {
      id: 'merge',
      label: 'Merge',
      purpose: 'Merges both picks',
      steps: [s('join', { text: ', ' }), s('upper_case')],
      inputs: [
        { from: 'sorted', name: 'first' },
        { from: 'reversed', name: 'last' },
      ],
      userTemplate: '{{first}}\n{{last}}',
    },
  ],
  outputs: [{ id: 'answer', from: 'merge', targetKey: 'target' }],
  makeInputs: (rng) => ({ sentence: sample(rng, WORDS, 5 + randomInt(rng, 3)).join(' ') }),
};

export const fanin3Card: FixtureSpec = {
  name: 'fanin3-card',
  title: 'Contact card (fan-in of three)',
  description: 'Three branches format a name, a city and a note length; the last joins them.',
  fields: ['name', 'city', 'note'],
  nodes: [
    {
      id: 'name',
      label: 'Name',
      purpose: 'Formats the name',
      steps: [s('upper_case')],
      inputs: [{ from: 'field:name', name: 'name' }],
      userTemplate: '{{name}}',
    },
    {
      id: 'city',
      label: 'City',
      purpose: 'Formats the city',
      steps: [s('capitalize_first')],
      inputs: [{ from: 'field:city', name: 'city' }],
      userTemplate: '{{city}}',
    },
    {
      id: 'size',
      label: 'Note size',
      purpose: 'Measures the note',
      steps: [s('count_words')],
      inputs: [{ from: 'field:note', name: 'note' }],
      userTemplate: '{{note}}',
    },
    {
      id: 'card',
      label: 'Card',
      purpose: 'Builds the card',
      steps: [s('join', { text: ' | ' })],
      inputs: [
        { from: 'name', name: 'name' },
        { from: 'city', name: 'city' },
        { from: 'size', name: 'size' },
      ],
      userTemplate: '{{name}}\n{{city}}\n{{size}}',
    },
  ],
  outputs: [{ id: 'answer', from: 'card', targetKey: 'target' }],
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
  nodes: [
    {
      id: 'opening',
      label: 'Opening',
      purpose: 'Keeps the opening',
      steps: [s('first_sentence')],
      inputs: [{ from: 'field:review', name: 'review' }],
      userTemplate: '{{review}}',
    },
    {
      id: 'normalise',
      label: 'Normalise',
      purpose: 'Normalises the text',
      steps: [s('remove_punctuation'), s('lower_case')],
      inputs: [{ from: 'opening', name: 'text' }],
      userTemplate: '{{text}}',
    },
    {
      id: 'verdict',
      label: 'Verdict',
      purpose: 'Gives the verdict',
      steps: [s('classify_sentiment'), s('prefix', { text: 'Sentiment:' })],
      inputs: [{ from: 'normalise', name: 'text' }],
      userTemplate: '{{text}}',
    },
  ],
  outputs: [{ id: 'answer', from: 'verdict', targetKey: 'target' }],
  makeInputs: (rng) => ({ review: mixedReview(rng) }),
};

export const twoOutputsReview: FixtureSpec = {
  name: 'two-outputs-review',
  title: 'Review mood and keywords (two outputs)',
  description:
    'A shared cleaning step feeds a sentiment classifier and a keyword extractor, each its own output.',
  fields: ['review'],
  nodes: [
    {
      id: 'clean',
      label: 'Clean',
      purpose: 'Cleans the review',
      steps: [s('remove_punctuation'), s('lower_case')],
      inputs: [{ from: 'field:review', name: 'review' }],
      userTemplate: '{{review}}',
    },
    {
      id: 'mood',
      label: 'Mood',
      purpose: 'Classifies the mood',
      steps: [s('classify_sentiment')],
      inputs: [{ from: 'clean', name: 'text' }],
      userTemplate: '{{text}}',
    },
    {
      id: 'keywords',
      label: 'Keywords',
      purpose: 'Lists keywords',
      steps: [s('dedupe_words'), s('sort_words'), s('first_words', { n: 4 })],
      inputs: [{ from: 'clean', name: 'text' }],
      userTemplate: '{{text}}',
    },
  ],
  outputs: [
    { id: 'mood_out', from: 'mood', targetKey: 'sentiment' },
    { id: 'keywords_out', from: 'keywords', targetKey: 'keywords' },
  ],
  makeInputs: (rng) => ({ review: plainReview(rng) }),
};
