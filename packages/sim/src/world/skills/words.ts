/** Skills that change letters or rearrange the words of a text. */
import { formatNumber, wordsOf } from '../text';
import { phrase } from './pattern';
import type { Skill } from './types';

const OBJ = '(?:(?:it|everything|the|text|answer|output|result|all|words|into|in|to) )*';

/** Plain code-unit comparison on lower-cased words: the same order in every runtime and locale. */
function alphabetical(a: string, b: string): number {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  if (la !== lb) return la < lb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export const upperCase: Skill = {
  id: 'upper_case',
  summary: 'Converts the text to upper case.',
  patterns: [
    phrase(
      `(?:convert|change|turn|put|write|make|transform) ${OBJ}(?:upper ?case|uppercase|all caps|capital letters)`,
    ),
    phrase('(?:use|in) (?:all )?(?:upper ?case|uppercase|capital letters|all caps)'),
    phrase('upper-case (?:the )?(?:text|answer|words|everything|it)'),
  ],
  apply: (text) => text.toUpperCase(),
  phrasings: () => ['Convert to upper case', 'Write everything in capital letters', 'Make it all caps'],
};

export const lowerCase: Skill = {
  id: 'lower_case',
  summary: 'Converts the text to lower case.',
  patterns: [
    phrase(`(?:convert|change|turn|put|write|make|transform) ${OBJ}(?:lower ?case|lowercase|small letters)`),
    phrase('(?:use|in) (?:all )?(?:lower ?case|lowercase|small letters)'),
    phrase('lower-case (?:the )?(?:text|answer|words|everything|it)'),
  ],
  apply: (text) => text.toLowerCase(),
  phrasings: () => ['Convert to lower case', 'Write everything in small letters', 'Make it lowercase'],
};

export const capitalizeFirst: Skill = {
  id: 'capitalize_first',
  summary: 'Capitalises the first letter of the text (the rest is left alone).',
  patterns: [
    phrase('capitali[sz]e (?:only )?the first (?:letter|character|word)'),
    phrase('start with a capital letter'),
  ],
  apply: (text) => text.replace(/\p{L}/u, (c) => c.toUpperCase()),
  phrasings: () => [
    'Capitalise the first letter',
    'Capitalize the first letter',
    'Start with a capital letter',
  ],
};

export const sortWords: Skill = {
  id: 'sort_words',
  summary: 'Sorts the words alphabetically (case-insensitive), joined by single spaces.',
  patterns: [
    phrase(
      'sort (?:(?:the|all|of|each) )*words(?: alphabetically| in alphabetical order| from a to z| a to z)?',
    ),
    phrase('alphabeti[sz]e (?:(?:the|all) )*words'),
    phrase('(?:put|arrange|order|list) (?:(?:the|all|of) )*words (?:in alphabetical order|alphabetically)'),
  ],
  apply: (text) => wordsOf(text).sort(alphabetical).join(' '),
  phrasings: () => [
    'Sort the words alphabetically',
    'Put the words in alphabetical order',
    'Alphabetize the words',
  ],
};

export const countWords: Skill = {
  id: 'count_words',
  summary: 'Answers with the number of words.',
  patterns: [
    phrase('count (?:(?:the|all|of) )*words'),
    phrase('(?:the number of|how many) words'),
    phrase('word count'),
  ],
  apply: (text) => formatNumber(wordsOf(text).length),
  phrasings: () => ['Count the words', 'Give the number of words', 'Answer with the word count'],
};

export const reverseWords: Skill = {
  id: 'reverse_words',
  summary: 'Reverses the order of the words, joined by single spaces.',
  patterns: [
    phrase('reverse (?:(?:the|order|of|all) )*words'),
    phrase('words in reversed? order'),
    phrase('reverse the order'),
  ],
  apply: (text) => wordsOf(text).reverse().join(' '),
  phrasings: () => ['Reverse the order of the words', 'Reverse the words', 'Put the words in reverse order'],
};

export const dedupeWords: Skill = {
  id: 'dedupe_words',
  summary: 'Drops repeated words (case-insensitive), keeping each first occurrence.',
  patterns: [
    phrase('(?:remove|drop|delete|eliminate) (?:(?:the|all|any) )*(?:duplicate|duplicated|repeated) words'),
    phrase('(?:remove|drop|delete|eliminate) (?:(?:the|all|any) )*duplicates'),
    phrase('dedup(?:licate)? (?:the )?words'),
    phrase('keep each word (?:only )?once'),
  ],
  apply: (text) => {
    const seen = new Set<string>();
    return wordsOf(text)
      .filter((w) => {
        const key = w.toLowerCase();
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      })
      .join(' ');
  },
  phrasings: () => ['Remove duplicate words', 'Deduplicate the words', 'Keep each word only once'],
};

/** Punctuation that is not part of a number (the "." in "2.5" and the "," in "1,000" stay). */
const PUNCTUATION = /[!?;:"()[\]{}]|,(?!\d)|\.(?!\d)|(?<!\w)'|'(?!\w)/g;

export const removePunctuation: Skill = {
  id: 'remove_punctuation',
  summary: 'Removes punctuation (keeping decimal points and apostrophes inside words).',
  patterns: [
    phrase('(?:remove|strip|drop|delete) (?:(?:all|the|any) )*punctuation(?: marks)?'),
    phrase('no punctuation'),
  ],
  apply: (text) =>
    text
      .replace(PUNCTUATION, '')
      .replace(/[ \t]+/g, ' ')
      .trim(),
  phrasings: () => ['Remove the punctuation', 'Strip all punctuation marks', 'Use no punctuation'],
};

/** Skills over letters and word order. */
export const wordSkills: Skill[] = [
  upperCase,
  lowerCase,
  capitalizeFirst,
  sortWords,
  countWords,
  reverseWords,
  dedupeWords,
  removePunctuation,
];
