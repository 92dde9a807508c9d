import { parseBbhTaskFile } from '../datasets/bbh';
import { parseGsm8kFile } from '../datasets/gsm8k-file';
import { parseHotpotQa } from '../datasets/hotpotqa';
import { parseLiarTsv } from '../datasets/liar';
import { type DatasetSplits, roundLargestRemainders } from '../datasets/split';
import type { Example } from '../datasets/types';
import { createRng, shuffled } from '../util/random';
import type { CutCount, Recipe, RecipeSource, RecipeSplitPlan } from './types';

/** A recipe's data, split, with notes on anything that differs from the paper's counts. */
export type RecipeData = DatasetSplits & {
  /** Human-readable notes, e.g. counts scaled to a smaller file. */
  notes: string[];
};

/** Reads one source's text with its loader. */
export function parseRecipeSource(source: RecipeSource, text: string): Example[] {
  switch (source.format) {
    case 'bbh':
      if (!source.task) throw new Error(`source "${source.id}" needs a BBH task`);
      return parseBbhTaskFile(text, source.task);
    case 'gsm8k-train':
      return parseGsm8kFile(text, 'train');
    case 'gsm8k-test':
      return parseGsm8kFile(text, 'test');
    case 'liar-sbp-binary':
      return parseLiarTsv(text, source.liarSplit ?? 'train', 'sbp-binary');
    case 'hotpotqa':
      return parseHotpotQa(text);
  }
}

/**
 * Counts for the cuts over `available` examples: numbers as given when they fit; otherwise all
 * numeric counts scaled by the same factor (largest remainders, so they add up), and `'rest'`
 * gets what is left (nothing, when the numbers took everything).
 */
export function cutCounts(
  counts: readonly CutCount[],
  available: number,
): { counts: number[]; scaled: boolean } {
  const wanted = counts.reduce<number>((sum, c) => sum + (c === 'rest' ? 0 : c), 0);
  if (wanted <= available) {
    const rest = available - wanted;
    return { counts: counts.map((c) => (c === 'rest' ? rest : c)), scaled: false };
  }
  const shares = counts.map((c) => (c === 'rest' ? 0 : (c * available) / wanted));
  return { counts: roundLargestRemainders(shares, available), scaled: true };
}

function applyPlan(plan: RecipeSplitPlan, examples: Example[], seed: number, out: RecipeData): void {
  const ordered = plan.order === 'seeded' ? shuffled(createRng(seed), examples) : examples;
  const { counts, scaled } = cutCounts(
    plan.cuts.map((c) => c.count),
    ordered.length,
  );
  if (scaled) {
    const asked = plan.cuts.map((c) => `${c.split} ${c.count}`).join(', ');
    const got = plan.cuts.map((c, i) => `${c.split} ${counts[i]}`).join(', ');
    out.notes.push(
      `${plan.source}: the file has ${ordered.length} examples, fewer than the paper's split (${asked}); scaled to ${got}.`,
    );
  }
  let at = 0;
  plan.cuts.forEach((cut, i) => {
    const taken = ordered.slice(at, at + counts[i]!).map((e) => ({ ...e, split: cut.split }));
    out[cut.split].push(...taken);
    at += counts[i]!;
  });
}

/**
 * Loads a recipe's data from the texts of its sources (keyed by source id) and cuts the paper's
 * splits with `seed`. Throws naming the source when a text is missing or a split comes out empty.
 */
export function loadRecipeData(recipe: Recipe, texts: Record<string, string>, seed: number): RecipeData {
  const out: RecipeData = { train: [], val: [], test: [], notes: [] };
  for (const plan of recipe.splits) {
    const source = recipe.sources.find((s) => s.id === plan.source);
    if (!source) throw new Error(`recipe ${recipe.name}: no source "${plan.source}"`);
    const text = texts[source.id];
    if (text === undefined)
      throw new Error(`recipe ${recipe.name}: the text of ${source.files[0]} is missing`);
    applyPlan(plan, parseRecipeSource(source, text), seed, out);
  }
  if (out.train.length === 0) throw new Error(`recipe ${recipe.name}: the data leaves no training examples`);
  return out;
}
