/** Fixture specs whose tasks are arithmetic over numbers in text. */
import { randomInt, sample } from '../src/engine';
import { amount, ITEMS, s, WORDS } from './fixture-data';
import type { FixtureSpec } from './fixture-specs';

export const chain3Receipt: FixtureSpec = {
  name: 'chain3-receipt',
  title: 'Receipt total (chain of 3)',
  description: 'Extract the amounts of a receipt, total them, and label the total.',
  fields: ['receipt'],
  nodes: [
    {
      id: 'extract',
      label: 'Extract amounts',
      purpose: 'Reads the receipt',
      steps: [s('extract_numbers')],
      inputs: [{ from: 'field:receipt', name: 'receipt' }],
      userTemplate: 'Receipt: {{receipt}}',
    },
    {
      id: 'total',
      label: 'Total',
      purpose: 'Totals the amounts',
      steps: [s('sum'), s('round', { n: 1 })],
      inputs: [{ from: 'extract', name: 'amounts' }],
      userTemplate: 'Amounts: {{amounts}}',
    },
    {
      id: 'label',
      label: 'Label',
      purpose: 'Formats the answer',
      steps: [s('prefix', { text: 'Total:' })],
      inputs: [{ from: 'total', name: 'total' }],
      userTemplate: '{{total}}',
    },
  ],
  outputs: [{ id: 'answer', from: 'label', targetKey: 'target' }],
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
  nodes: [
    {
      id: 'extract',
      label: 'Extract',
      purpose: 'Reads the scores',
      steps: [s('extract_numbers')],
      inputs: [{ from: 'field:scores', name: 'scores' }],
      userTemplate: 'Scores: {{scores}}',
    },
    {
      id: 'double',
      label: 'Double',
      purpose: 'Applies the weight',
      steps: [s('scale', { n: 2 })],
      inputs: [{ from: 'extract', name: 'values' }],
      userTemplate: '{{values}}',
    },
    {
      id: 'bonus',
      label: 'Bonus',
      purpose: 'Adds the bonus',
      steps: [s('offset', { n: 10 })],
      inputs: [{ from: 'double', name: 'values' }],
      userTemplate: '{{values}}',
    },
    {
      id: 'best',
      label: 'Best',
      purpose: 'Keeps the best',
      steps: [s('max')],
      inputs: [{ from: 'bonus', name: 'values' }],
      userTemplate: '{{values}}',
    },
    {
      id: 'round',
      label: 'Round',
      purpose: 'Rounds the score',
      steps: [s('round', { n: 1 })],
      inputs: [{ from: 'best', name: 'value' }],
      userTemplate: '{{value}}',
    },
    {
      id: 'label',
      label: 'Label',
      purpose: 'Formats the answer',
      steps: [s('prefix', { text: 'Score:' })],
      inputs: [{ from: 'round', name: 'value' }],
      userTemplate: '{{value}}',
    },
  ],
  outputs: [{ id: 'answer', from: 'label', targetKey: 'target' }],
  makeInputs: (rng) => ({
    scores: `round one ${amount(rng, 9)}, round two ${amount(rng, 9)}, round three ${amount(rng, 9)} points`,
  }),
};

export const diamondSpread: FixtureSpec = {
  name: 'diamond-spread',
  title: 'Reading spread (diamond)',
  description: 'Two branches find the highest and lowest reading; a third subtracts them.',
  fields: ['readings'],
  nodes: [
    {
      id: 'high',
      label: 'Highest',
      purpose: 'Finds the highest reading',
      steps: [s('max')],
      inputs: [{ from: 'field:readings', name: 'readings' }],
      userTemplate: 'Readings: {{readings}}',
    },
    {
      id: 'low',
      label: 'Lowest',
      purpose: 'Finds the lowest reading',
      steps: [s('min')],
      inputs: [{ from: 'field:readings', name: 'readings' }],
      userTemplate: 'Readings: {{readings}}',
    },
    {
      id: 'spread',
      label: 'Spread',
      purpose: 'Computes the spread',
      steps: [s('subtract'), s('round', { n: 1 })],
      inputs: [
        { from: 'high', name: 'high' },
        { from: 'low', name: 'low' },
      ],
      userTemplate: 'High: {{high}}\nLow: {{low}}',
    },
  ],
  outputs: [{ id: 'answer', from: 'spread', targetKey: 'target' }],
  makeInputs: (rng) => ({
    readings: Array.from({ length: 4 + randomInt(rng, 3) }, () => amount(rng, 50)).join(', '),
  }),
};

export const fanin3Sum: FixtureSpec = {
  name: 'fanin3-sum',
  title: 'Three counts summed (fan-in of three)',
  description: 'Three branches each reduce their own field to a number; the last step adds them up.',
  fields: ['boxes', 'crates', 'note'],
  nodes: [
    {
      id: 'boxes',
      label: 'Boxes',
      purpose: 'Counts the apples',
      steps: [s('product')],
      inputs: [{ from: 'field:boxes', name: 'boxes' }],
      userTemplate: '{{boxes}}',
    },
    {
      id: 'crates',
      label: 'Crates',
      purpose: 'Finds the heaviest crate',
      steps: [s('max')],
      inputs: [{ from: 'field:crates', name: 'crates' }],
      userTemplate: '{{crates}}',
    },
    {
      id: 'words',
      label: 'Words',
      purpose: 'Measures the note',
      steps: [s('count_words')],
      inputs: [{ from: 'field:note', name: 'note' }],
      userTemplate: '{{note}}',
    },
    {
      id: 'sum',
      label: 'Sum',
      purpose: 'Combines the three numbers',
      steps: [s('sum'), s('prefix', { text: 'Sum:' })],
      inputs: [
        { from: 'boxes', name: 'apples' },
        { from: 'crates', name: 'heaviest' },
        { from: 'words', name: 'words' },
      ],
      userTemplate: 'Apples: {{apples}}\nHeaviest: {{heaviest}}\nWords: {{words}}',
    },
  ],
  outputs: [{ id: 'answer', from: 'sum', targetKey: 'target' }],
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
  nodes: [
    {
      id: 'extract',
      label: 'Extract',
      purpose: 'Reads the report',
      steps: [s('extract_numbers')],
      inputs: [{ from: 'field:report', name: 'report' }],
      userTemplate: 'Report: {{report}}',
    },
    {
      id: 'convert',
      label: 'Convert',
      purpose: 'Converts the readings',
      steps: [s('celsius_to_fahrenheit')],
      inputs: [{ from: 'extract', name: 'celsius' }],
      userTemplate: '{{celsius}}',
    },
    {
      id: 'peak',
      label: 'Peak',
      purpose: 'Finds the peak',
      steps: [s('max'), s('round', { n: 0 })],
      inputs: [{ from: 'convert', name: 'fahrenheit' }],
      userTemplate: '{{fahrenheit}}',
    },
    {
      id: 'label',
      label: 'Label',
      purpose: 'Formats the answer',
      steps: [s('prefix', { text: 'Peak:' }), s('suffix', { text: 'F' })],
      inputs: [{ from: 'peak', name: 'peak' }],
      userTemplate: '{{peak}}',
    },
  ],
  outputs: [{ id: 'answer', from: 'label', targetKey: 'target' }],
  makeInputs: (rng) => {
    const t = () => (randomInt(rng, 400) / 10 - 5).toFixed(1);
    return { report: `morning ${t()} C, noon ${t()} C, evening ${t()} C` };
  },
};
