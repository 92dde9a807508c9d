/** Fixture specs whose tasks are arithmetic over numbers in text. */
import { randomInt, sample } from '../src/engine';
import { amount, answerFrom, ITEMS, nodeTable, s, WORDS } from './fixture-data';
import type { FixtureSpec } from './fixture-specs';

export const chain3Receipt: FixtureSpec = {
  name: 'chain3-receipt',
  title: 'Receipt total (chain of 3)',
  description: 'Extract the amounts of a receipt, total them, and label the total.',
  fields: ['receipt'],
  // biome-ignore format: a table, one row per llm node
  nodes: nodeTable(
    [
      // id       label              purpose               inputs (name: from)           steps
      ['extract', 'Extract amounts', 'Reads the receipt',  { receipt: 'field:receipt' }, [s('extract_numbers')]],
      ['total',   'Total',           'Totals the amounts', { amounts: 'extract' },       [s('sum'), s('round', { n: 1 })]],
      ['label',   'Label',           'Formats the answer', { total: 'total' },           [s('prefix', { text: 'Total:' })]],
    ],
    { extract: 'Receipt: {{receipt}}', total: 'Amounts: {{amounts}}' },
  ),
  outputs: answerFrom('label'),
  makeInputs: (rng) => {
    const [a, b, c] = sample(rng, ITEMS, 3);
    return {
      receipt: `Paid ${amount(rng, 40)} for ${a}, ${amount(rng, 20)} for ${b} and ${amount(rng, 60)} for ${c}.`,
    };
  },
};

export const chain6Scores: FixtureSpec = {
  name: 'chain6-scores',
  title: 'Best adjusted score (deep chain of 6)',
  description: 'Extract scores, double them, add a bonus, keep the best, round it and label it.',
  fields: ['scores'],
  // biome-ignore format: a table, one row per llm node
  nodes: nodeTable(
    [
      // id       label      purpose               inputs (name: from)         steps
      ['extract', 'Extract', 'Reads the scores',   { scores: 'field:scores' }, [s('extract_numbers')]],
      ['double',  'Double',  'Applies the weight', { values: 'extract' },      [s('scale', { n: 2 })]],
      ['bonus',   'Bonus',   'Adds the bonus',     { values: 'double' },       [s('offset', { n: 10 })]],
      ['best',    'Best',    'Keeps the best',     { values: 'bonus' },        [s('max')]],
      ['round',   'Round',   'Rounds the score',   { value: 'best' },          [s('round', { n: 1 })]],
      ['label',   'Label',   'Formats the answer', { value: 'round' },         [s('prefix', { text: 'Score:' })]],
    ],
    { extract: 'Scores: {{scores}}' },
  ),
  outputs: answerFrom('label'),
  makeInputs: (rng) => ({
    scores: `round one ${amount(rng, 9)}, round two ${amount(rng, 9)}, round three ${amount(rng, 9)} points`,
  }),
};

export const diamondSpread: FixtureSpec = {
  name: 'diamond-spread',
  title: 'Reading spread (diamond)',
  description: 'Two branches find the highest and lowest reading; a third subtracts them.',
  fields: ['readings'],
  // biome-ignore format: a table, one row per llm node
  nodes: nodeTable(
    [
      // id      label      purpose                      inputs (name: from)             steps
      ['high',   'Highest', 'Finds the highest reading', { readings: 'field:readings' }, [s('max')]],
      ['low',    'Lowest',  'Finds the lowest reading',  { readings: 'field:readings' }, [s('min')]],
      ['spread', 'Spread',  'Computes the spread',       { high: 'high', low: 'low' },   [s('subtract'), s('round', { n: 1 })]],
    ],
    { high: 'Readings: {{readings}}', low: 'Readings: {{readings}}', spread: 'High: {{high}}\nLow: {{low}}' },
  ),
  outputs: answerFrom('spread'),
  makeInputs: (rng) => ({
    readings: Array.from({ length: 4 + randomInt(rng, 3) }, () => amount(rng, 50)).join(', '),
  }),
};

export const fanin3Sum: FixtureSpec = {
  name: 'fanin3-sum',
  title: 'Three counts summed (fan-in of three)',
  description: 'Three branches each reduce their own field to a number; the last step adds them up.',
  fields: ['boxes', 'crates', 'note'],
  // biome-ignore format: a table, one row per llm node
  nodes: nodeTable(
    [
      // id      label     purpose                       inputs (name: from)                                      steps
      ['boxes',  'Boxes',  'Counts the apples',          { boxes: 'field:boxes' },                                [s('product')]],
      ['crates', 'Crates', 'Finds the heaviest crate',   { crates: 'field:crates' },                              [s('max')]],
      ['words',  'Words',  'Measures the note',          { note: 'field:note' },                                  [s('count_words')]],
      ['sum',    'Sum',    'Combines the three numbers', { apples: 'boxes', heaviest: 'crates', words: 'words' }, [s('sum'), s('prefix', { text: 'Sum:' })]],
    ],
    { sum: 'Apples: {{apples}}\nHeaviest: {{heaviest}}\nWords: {{words}}' },
  ),
  outputs: answerFrom('sum'),
  makeInputs: (rng) => ({
    boxes: `${2 + randomInt(rng, 8)} boxes of ${6 + randomInt(rng, 20)} apples`,
    crates: `crates of ${3 + randomInt(rng, 30)}, ${3 + randomInt(rng, 30)} and ${3 + randomInt(rng, 30)} kilos`,
    note: sample(rng, WORDS, 3 + randomInt(rng, 6)).join(' '),
  }),
};

export const chain4Temperature: FixtureSpec = {
  name: 'chain4-temperature',
  title: 'Peak temperature in Fahrenheit (chain of 4)',
  description: 'Extract Celsius readings, convert them, keep the peak rounded, and label it.',
  fields: ['report'],
  // biome-ignore format: a table, one row per llm node
  nodes: nodeTable(
    [
      // id       label      purpose                  inputs (name: from)         steps
      ['extract', 'Extract', 'Reads the report',      { report: 'field:report' }, [s('extract_numbers')]],
      ['convert', 'Convert', 'Converts the readings', { celsius: 'extract' },     [s('celsius_to_fahrenheit')]],
      ['peak',    'Peak',    'Finds the peak',        { fahrenheit: 'convert' },  [s('max'), s('round', { n: 0 })]],
      ['label',   'Label',   'Formats the answer',    { peak: 'peak' },           [s('prefix', { text: 'Peak:' }), s('suffix', { text: 'F' })]],
    ],
    { extract: 'Report: {{report}}' },
  ),
  outputs: answerFrom('label'),
  makeInputs: (rng) => {
    const t = () => (randomInt(rng, 400) / 10 - 5).toFixed(1);
    return { report: `morning ${t()} C, noon ${t()} C, evening ${t()} C` };
  },
};
