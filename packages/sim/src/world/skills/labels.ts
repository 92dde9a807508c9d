/** Skills that add literal text: labels, suffixes and separators, read from quotes in the prompt. */
import { linesOf, wordsOf } from '../text';
import { phraseWithQuote, quotedGroup, quoteLiteral } from './pattern';
import type { Skill, SkillParams } from './types';

const ANSWER = '(?:(?:the|your|answer|output|result|reply|it|everything|final) )*';

/** A label is stored trimmed; applying it adds one space unless it ends in an opening bracket. */
function withLabel(label: string, text: string): string {
  return /[\s([]$/.test(label) || label === '' ? `${label}${text}` : `${label} ${text}`;
}

export const prefixLabel: Skill = {
  id: 'prefix',
  summary: 'Puts a label in front of the answer, e.g. prefix with \'Total:\' gives "Total: 12".',
  patterns: [
    phraseWithQuote(`(?:prefix|preface|precede|start|begin|lead) ${ANSWER}with(?: the| a)?(?: label)?`),
    phraseWithQuote('(?:put|add|write) (?:the )?label'),
  ],
  readParams: (m) => {
    const label = quotedGroup(m)?.trim();
    return label ? { text: label } : undefined;
  },
  apply: (text, { text: label = '' }) => withLabel(label, text),
  phrasings: ({ text = 'Answer:' }) => [
    `Prefix the answer with ${quoteLiteral(text)}`,
    `Start the answer with the label ${quoteLiteral(text)}`,
    `Begin your reply with ${quoteLiteral(text)}`,
  ],
  searchParams: ({ desired }) => {
    const labels = new Set<string>();
    for (const d of desired.slice(0, 3)) {
      const m = /^([^:\n]{1,30}:)\s/.exec(d.trim()) ?? /^(\[[^\]\n]{1,30}\])\s/.exec(d.trim());
      if (m?.[1]) labels.add(m[1]);
    }
    return [...labels].slice(0, 2).map((text) => ({ text }));
  },
  exampleParams: { text: 'Total:' },
};

export const suffixLabel: Skill = {
  id: 'suffix',
  summary: 'Puts a literal after the answer, e.g. end with \'degrees\' gives "72 degrees".',
  patterns: [phraseWithQuote(`(?:end|finish|close) ${ANSWER}with`), phraseWithQuote('append')],
  readParams: (m) => {
    const suffix = quotedGroup(m)?.trim();
    return suffix ? { text: suffix } : undefined;
  },
  apply: (text, { text: suffix = '' }) =>
    /^[.,!?;:%)]/.test(suffix) ? `${text}${suffix}` : `${text} ${suffix}`,
  phrasings: ({ text = 'units' }) => [
    `End the answer with ${quoteLiteral(text)}`,
    `Append ${quoteLiteral(text)}`,
    `Finish your reply with ${quoteLiteral(text)}`,
  ],
  searchParams: ({ desired }) => {
    const last = desired[0] ? wordsOf(desired[0]).at(-1) : undefined;
    return last && !/\d/.test(last) && last.length <= 12 ? [{ text: last }] : [];
  },
  exampleParams: { text: 'degrees' },
};

const SEPARATORS = [' | ', ', ', '; ', ' - ', ' / ', ' + '];

export const joinLines: Skill = {
  id: 'join',
  summary: "Joins the non-empty lines of the text with a separator, e.g. join with ' | '.",
  patterns: [
    phraseWithQuote(
      '(?:join|combine|merge|concatenate) (?:(?:the|all|inputs?|lines?|parts|items|values|them|together) )*(?:with|using|by)(?: the| a)?(?: separator)?',
    ),
    phraseWithQuote('separate (?:(?:them|the|parts|lines|items) )*with'),
  ],
  readParams: (m) => {
    const sep = quotedGroup(m);
    return sep === undefined ? undefined : { text: sep };
  },
  apply: (text, { text: sep = ' ' }) => linesOf(text).join(sep),
  phrasings: ({ text = ' | ' }: SkillParams) => [
    `Join the lines with ${quoteLiteral(text)}`,
    `Combine the inputs using the separator ${quoteLiteral(text)}`,
    `Separate the parts with ${quoteLiteral(text)}`,
  ],
  searchParams: ({ desired }) => {
    const found = SEPARATORS.filter((s) => desired.slice(0, 3).some((d) => d.includes(s)));
    return found.slice(0, 2).map((text) => ({ text }));
  },
  exampleParams: { text: ' | ' },
};

/** Skills that add literals. */
export const labelSkills: Skill[] = [prefixLabel, suffixLabel, joinLines];
