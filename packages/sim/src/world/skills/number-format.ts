/** Skills that rewrite each number in place, or pick the number out of a sentence. */
import { formatNumber, mapNumbers, numberStrings } from '../text';
import { COUNT, phrase, readCount } from './pattern';
import type { Skill, SkillParams } from './types';

const WHAT = '(?:(?:it|them|the|result|answer|numbers?|everything|off|each|every|all|value|values) )*';

/** toFixed without "-0.00": a rounded zero is written as plain zero. */
function fixed(value: number, decimals: number): string {
  const text = value.toFixed(decimals);
  return /^-0(?:\.0+)?$/.test(text) ? text.slice(1) : text;
}

export const round: Skill = {
  id: 'round',
  summary: 'Rounds every number to N decimal places (N = 0 for whole numbers), writing exactly N decimals.',
  patterns: [
    phrase(`round ${WHAT}to ${COUNT} (?:decimal places?|decimals?|digits? after the (?:decimal )?point|dp)`),
    phrase(`round ${WHAT}to (?:the nearest )?(?:whole number|integer)`),
    phrase(`(?:use|keep|show|give) (?:exactly )?${COUNT} decimals?(?: places?)?`),
  ],
  readParams: (m) => {
    if (m[1] === undefined) return { n: 0 };
    const n = readCount(m[1]);
    return n === undefined || n > 10 ? undefined : { n };
  },
  apply: (text, { n = 0 }) => mapNumbers(text, (v) => fixed(v, n)),
  phrasings: ({ n = 0 }) => [
    `Round to ${n} decimal place${n === 1 ? '' : 's'}`,
    `Round the result to ${n} decimal${n === 1 ? '' : 's'}`,
    ...(n === 0 ? ['Round to the nearest whole number'] : [`Show exactly ${n} decimal${n === 1 ? '' : 's'}`]),
  ],
  searchParams: () => [{ n: 0 }, { n: 1 }, { n: 2 }],
  exampleParams: { n: 2 },
};

export const onlyNumber: Skill = {
  id: 'only_number',
  summary: 'Answers with the last number of the text alone (unchanged when there is none).',
  patterns: [
    phrase(
      '(?:answer|reply|respond|return|output|give|print|write) (?:with )?(?:only|just) (?:the )?(?:final )?(?:number|numeric value|digits)',
    ),
    phrase('nothing but the (?:final )?number'),
  ],
  apply: (text) => numberStrings(text).at(-1) ?? text,
  phrasings: () => [
    'Answer with only the number',
    'Reply with just the number',
    'Output nothing but the number',
  ],
};

export const celsiusToFahrenheit: Skill = {
  id: 'celsius_to_fahrenheit',
  summary: 'Converts every number from degrees Celsius to degrees Fahrenheit (x * 9/5 + 32).',
  patterns: [
    phrase(
      '(?:convert|change|turn|translate) (?:(?:it|them|the|temperature|temperatures|values?|numbers?|each|every|all|readings?) )*(?:from )?(?:degrees )?celsius (?:in)?to (?:degrees )?fahrenheit',
    ),
    phrase('celsius (?:in)?to fahrenheit'),
  ],
  apply: (text) => mapNumbers(text, (c) => formatNumber((c * 9) / 5 + 32)),
  phrasings: () => [
    'Convert celsius to fahrenheit',
    'Convert the temperatures from Celsius to Fahrenheit',
    'Turn every reading from degrees Celsius into degrees Fahrenheit',
  ],
};

function scalePhrasings({ n = 2 }: SkillParams): string[] {
  const base = [`Multiply each number by ${n}`, `Multiply every number by ${n}`];
  if (n === 2) return ['Double each number', ...base];
  if (n === 3) return ['Triple each number', ...base];
  return base;
}

export const scale: Skill = {
  id: 'scale',
  summary: 'Multiplies every number by N ("double" is N = 2, "triple" N = 3).',
  patterns: [
    phrase(`multiply (?:each|every|all)(?: of the)?(?: the)? numbers? by ${COUNT}`),
    phrase(`(double|triple) (?:(?:each|every|all|the|of) )*(?:numbers?|values?|them|it)`),
  ],
  readParams: (m) => {
    const raw = m[1]?.toLowerCase();
    if (raw === 'double') return { n: 2 };
    if (raw === 'triple') return { n: 3 };
    const n = readCount(raw);
    return n === undefined ? undefined : { n };
  },
  apply: (text, { n = 2 }) => mapNumbers(text, (v) => formatNumber(v * n)),
  phrasings: scalePhrasings,
  searchParams: () => [{ n: 2 }, { n: 3 }, { n: 10 }],
  exampleParams: { n: 3 },
};

export const offset: Skill = {
  id: 'offset',
  summary: 'Adds N to every number.',
  patterns: [phrase(`add ${COUNT} to (?:each|every|all)(?: of the)?(?: the)? numbers?`)],
  readParams: (m) => {
    const n = readCount(m[1]);
    return n === undefined ? undefined : { n };
  },
  apply: (text, { n = 1 }) => mapNumbers(text, (v) => formatNumber(v + n)),
  phrasings: ({ n = 1 }) => [`Add ${n} to each number`, `Add ${n} to every number`],
  searchParams: () => [{ n: 1 }, { n: 10 }],
  exampleParams: { n: 10 },
};

/** Skills that rewrite numbers in place or isolate one. */
export const numberFormatSkills: Skill[] = [round, onlyNumber, celsiusToFahrenheit, scale, offset];
