/** Skills that read the numbers of a text and reduce them to one number. */
import { formatNumber, numberStrings, numbersIn } from '../text';
import { phrase } from './pattern';
import type { Skill } from './types';

/** Reduces the numbers of `text` with `reduce`; a text without numbers passes through unchanged. */
function reduceNumbers(text: string, reduce: (values: number[]) => number): string {
  const values = numbersIn(text);
  return values.length === 0 ? text : formatNumber(reduce(values));
}

const ALL = '(?:(?:all|of|the|these|those|every|each) )*';
/** "each"/"every" belong to per-number skills ("multiply each number by 3"), not to the product. */
const ALL_TOGETHER = '(?:(?:all|of|the|these|those) )*';

export const extractNumbers: Skill = {
  id: 'extract_numbers',
  summary: 'Keeps only the numbers of the text, as written, separated by spaces.',
  patterns: [
    phrase(`extract ${ALL}numbers?`),
    phrase(`(?:pull|pick|take) out ${ALL}numbers?`),
    phrase(`(?:list|find) ${ALL}numbers`),
  ],
  apply: (text) => {
    const found = numberStrings(text);
    return found.length === 0 ? '' : found.join(' ');
  },
  phrasings: () => ['Extract every number', 'Pull out all the numbers', 'List all the numbers'],
};

export const sum: Skill = {
  id: 'sum',
  summary: 'Adds up every number in the text.',
  patterns: [
    phrase(`add ${ALL}(?:numbers?|them|values) (?:up|together)`),
    phrase(`add up ${ALL}(?:numbers|values|them)`),
    phrase(`(?:sum|total) (?:(?:up|all|of|the) )*(?:numbers|values|them)`),
    phrase('(?:compute|calculate|give|find|return|take) the (?:sum|total)'),
  ],
  apply: (text) => reduceNumbers(text, (v) => v.reduce((a, b) => a + b, 0)),
  phrasings: () => ['Add the numbers up', 'Sum the numbers', 'Compute the total'],
};

export const product: Skill = {
  id: 'product',
  summary: 'Multiplies every number in the text together.',
  patterns: [
    phrase(`multiply ${ALL_TOGETHER}(?:numbers|them|values)(?: together)?`),
    phrase('(?:compute|calculate|find|give|return|take) the product'),
  ],
  apply: (text) => reduceNumbers(text, (v) => v.reduce((a, b) => a * b, 1)),
  phrasings: () => ['Multiply the numbers together', 'Multiply them', 'Compute the product'],
};

export const subtract: Skill = {
  id: 'subtract',
  summary: 'Subtracts every later number from the first one.',
  patterns: [
    phrase(
      'subtract (?:the )?(?:second|other|later|remaining|rest|others)(?: numbers?)? from the first(?: one| number)?',
    ),
    phrase('(?:compute|calculate|find|take|give) the difference'),
    phrase('first number minus the (?:rest|others|second)'),
  ],
  apply: (text) => reduceNumbers(text, ([first = 0, ...rest]) => rest.reduce((a, b) => a - b, first)),
  phrasings: () => [
    'Subtract the rest from the first number',
    'Compute the difference',
    'Subtract the second from the first',
  ],
};

export const maximum: Skill = {
  id: 'max',
  summary: 'Keeps the largest number.',
  patterns: [
    phrase(
      '(?:take|keep|pick|find|return|give|choose|select) (?:only )?the (?:maximum|max|largest|biggest|highest|greatest)(?: number| value| one)?',
    ),
  ],
  apply: (text) => reduceNumbers(text, (v) => Math.max(...v)),
  phrasings: () => ['Take the maximum', 'Keep only the largest number', 'Pick the highest value'],
};

export const minimum: Skill = {
  id: 'min',
  summary: 'Keeps the smallest number.',
  patterns: [
    phrase(
      '(?:take|keep|pick|find|return|give|choose|select) (?:only )?the (?:minimum|min|smallest|lowest|least)(?: number| value| one)?',
    ),
  ],
  apply: (text) => reduceNumbers(text, (v) => Math.min(...v)),
  phrasings: () => ['Take the minimum', 'Keep only the smallest number', 'Pick the lowest value'],
};

export const average: Skill = {
  id: 'average',
  summary: 'Replaces the numbers with their mean.',
  patterns: [
    phrase('(?:take|compute|calculate|find|give|return) (?:the )?(?:average|mean)'),
    phrase(`average ${ALL}numbers`),
  ],
  apply: (text) => reduceNumbers(text, (v) => v.reduce((a, b) => a + b, 0) / v.length),
  phrasings: () => ['Compute the average', 'Average the numbers', 'Take the mean'],
};

/** Skills that reduce a list of numbers to one. */
export const arithmeticSkills: Skill[] = [extractNumbers, sum, product, subtract, maximum, minimum, average];
