/** What the fixture specs are written with: skill steps, node tables, and seeded input generators. */
import { type Rng, randomInt, sample } from '../src/engine';
import type { SkillStep } from '../src/world/skills/types';
import type { FixtureSpec, NodeSpec } from './fixture-specs';

/** A skill step, briefly: `s('round', { n: 1 })`. */
export const s = (skill: string, params: SkillStep['params'] = {}): SkillStep => ({ skill, params });

/**
 * One llm node as a row of a spec's node table. `inputs` maps each template variable to where it
 * comes from (`field:<name>` or an llm node id), in the order the step reads them.
 */
export type NodeRow = [
  id: string,
  label: string,
  purpose: string,
  inputs: Record<string, string>,
  steps: SkillStep[],
];

/**
 * The llm nodes of a spec from its table. A node's user template is one `{{name}}` line per
 * input, unless `templates` (by node id) gives it another.
 */
export function nodeTable(rows: readonly NodeRow[], templates: Record<string, string> = {}): NodeSpec[] {
  return rows.map(([id, label, purpose, inputs, steps]) => ({
    id,
    label,
    purpose,
    steps,
    inputs: Object.entries(inputs).map(([name, from]) => ({ from, name })),
    userTemplate: templates[id] ?? oneLinePerInput(Object.keys(inputs)),
  }));
}

const oneLinePerInput = (names: readonly string[]) => names.map((name) => `{{${name}}}`).join('\n');

/** The usual single output: node `answer`, fed by `from`, scored against the example's `target`. */
export const answerFrom = (from: string): FixtureSpec['outputs'] => [
  { id: 'answer', from, targetKey: 'target' },
];

/** One item drawn with the generator. */
export const pick = <T>(rng: Rng, items: readonly T[]): T => items[randomInt(rng, items.length)] as T;
/** A price-like amount with two decimals, e.g. 12.35. */
export const amount = (rng: Rng, max: number) => (1 + randomInt(rng, max * 100) / 100).toFixed(2);

/** Things a receipt lists. */
export const ITEMS = ['lunch', 'coffee', 'the taxi', 'books', 'tickets', 'snacks', 'parking', 'flowers'];
/** Plain nouns for word puzzles (no sentiment keywords among them). */
export const WORDS = [
  'river',
  'apple',
  'stone',
  'cloud',
  'maple',
  'tiger',
  'lemon',
  'piano',
  'ocean',
  'candle',
  'garden',
  'violet',
  'rocket',
  'falcon',
  'silver',
  'amber',
  'harbor',
  'meadow',
  'copper',
  'willow',
];
const PUNCT = [',', '.', '!', '?', ';'];

/** A sentence of words from WORDS with repeats, random capitals and punctuation. */
export function messySentence(rng: Rng, n: number): string {
  const chosen = sample(rng, WORDS, Math.max(3, n - 2));
  const words: string[] = [];
  for (let i = 0; i < n; i++) {
    let w = i < chosen.length ? (chosen[i] as string) : pick(rng, chosen);
    if (randomInt(rng, 3) === 0) w = w[0]?.toUpperCase() + w.slice(1);
    if (randomInt(rng, 4) === 0) w += pick(rng, PUNCT);
    words.push(w);
  }
  return words.join(' ');
}

const POSITIVE = ['great', 'lovely', 'excellent', 'friendly', 'fresh', 'perfect', 'wonderful', 'nice'];
const NEGATIVE = ['slow', 'rude', 'cold', 'noisy', 'awful', 'stale', 'boring', 'poor'];
const NOUNS = ['food', 'staff', 'room', 'music', 'coffee', 'service', 'view', 'bread'];

/** A short review: first sentence with one polarity, second with two words of the other. */
export function mixedReview(rng: Rng): string {
  const firstPositive = randomInt(rng, 2) === 0;
  const [one, other] = firstPositive ? [POSITIVE, NEGATIVE] : [NEGATIVE, POSITIVE];
  const a = pick(rng, NOUNS);
  const [b, c] = sample(
    rng,
    NOUNS.filter((x) => x !== a),
    2,
  );
  return `The ${a} was ${pick(rng, one)}. But the ${b} was ${pick(rng, other)} and the ${c} was ${pick(rng, other)}!`;
}

/** A review whose words all lean one way, with some repeated words. */
export function plainReview(rng: Rng): string {
  const words = randomInt(rng, 2) === 0 ? POSITIVE : NEGATIVE;
  const [a, b] = sample(rng, NOUNS, 2);
  return `The ${a} was ${pick(rng, words)}, the ${b} was ${pick(rng, words)}; the ${a} was ${pick(rng, words)}.`;
}
