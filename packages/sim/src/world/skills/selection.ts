/** Skills that keep part of a text or judge it. */
import { wordsOf } from '../text';
import { COUNT, phrase, readCount } from './pattern';
import type { Skill } from './types';

export const firstSentence: Skill = {
  id: 'first_sentence',
  summary: 'Keeps only the first sentence (up to the first ".", "!" or "?" followed by a space or the end).',
  patterns: [
    phrase('(?:keep|return|give|output|use|answer with) only the first sentence'),
    phrase('only (?:keep )?the first sentence'),
    phrase('first sentence only'),
    phrase('(?:drop|remove|discard|ignore) everything after the first sentence'),
  ],
  apply: (text) => {
    const trimmed = text.trim();
    const m = /^[\s\S]*?[.!?](?=\s|$)/.exec(trimmed);
    return m ? m[0] : trimmed;
  },
  phrasings: () => [
    'Keep only the first sentence',
    'Drop everything after the first sentence',
    'Return only the first sentence',
  ],
};

export const firstWords: Skill = {
  id: 'first_words',
  summary: 'Keeps only the first N words.',
  patterns: [
    phrase(`(?:keep|return|give|output|use) only the first ${COUNT} words?`),
    phrase(`first ${COUNT} words? only`),
    phrase(`(?:truncate|cut|shorten) (?:it |the text |the answer )?to ${COUNT} words?`),
  ],
  readParams: (m) => {
    const n = readCount(m[1]);
    return n === undefined || n < 1 ? undefined : { n };
  },
  apply: (text, { n = 1 }) => wordsOf(text).slice(0, n).join(' '),
  phrasings: ({ n = 1 }) => [
    `Keep only the first ${n} word${n === 1 ? '' : 's'}`,
    `Truncate to ${n} words`,
    `Return only the first ${n} words`,
  ],
  searchParams: ({ desired }) => {
    const counts = new Set([1, 2, 3]);
    for (const d of desired.slice(0, 3)) counts.add(Math.max(1, wordsOf(d).length));
    return [...counts].map((n) => ({ n }));
  },
  exampleParams: { n: 3 },
};

/** Keyword lists of the sentiment classifier (documented in docs/simulator.md). */
export const POSITIVE_WORDS = [
  'good',
  'great',
  'excellent',
  'love',
  'loved',
  'happy',
  'wonderful',
  'fantastic',
  'amazing',
  'nice',
  'best',
  'enjoy',
  'enjoyed',
  'delightful',
  'perfect',
  'pleasant',
  'brilliant',
  'friendly',
  'fresh',
  'fast',
];
export const NEGATIVE_WORDS = [
  'bad',
  'terrible',
  'awful',
  'hate',
  'hated',
  'poor',
  'sad',
  'worst',
  'horrible',
  'boring',
  'disappointing',
  'broken',
  'ugly',
  'rude',
  'slow',
  'dull',
  'cold',
  'stale',
  'late',
  'noisy',
];

export const classifySentiment: Skill = {
  id: 'classify_sentiment',
  summary: 'Answers "positive" or "negative" by counting keywords of two fixed lists ("neutral" on a tie).',
  patterns: [
    phrase(
      'classify (?:(?:it|the|text|sentiment|this|review|of|as) )*(?:as )?(?:either )?positive or negative',
    ),
    phrase(
      '(?:label|mark|tag|rate) (?:(?:it|the|text|sentiment|review|this) )*as (?:either )?positive or negative',
    ),
    phrase('(?:decide|say|tell|answer) (?:whether|if) (?:it|the (?:text|review)) is positive or negative'),
  ],
  apply: (text) => {
    let score = 0;
    for (const raw of wordsOf(text.toLowerCase())) {
      const w = raw.replace(/[^\p{L}]/gu, '');
      if (POSITIVE_WORDS.includes(w)) score++;
      else if (NEGATIVE_WORDS.includes(w)) score--;
    }
    return score > 0 ? 'positive' : score < 0 ? 'negative' : 'neutral';
  },
  phrasings: () => [
    'Classify the sentiment as positive or negative',
    'Label the review as either positive or negative',
    'Decide whether the text is positive or negative',
  ],
};

/** Skills that select part of a text or classify it. */
export const selectionSkills: Skill[] = [firstSentence, firstWords, classifySentiment];
