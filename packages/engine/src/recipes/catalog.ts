import { BBH_TASKS, isBbhTask } from '../datasets/bbh';
import { gtbpHotpotqa } from './gtbp';
import { sembpBbh, sembpGsm8k, sembpLiar } from './sembp';
import { textgradBbhObjectCounting, textgradGsm8k } from './textgrad';
import type { Recipe } from './types';

/** The BBH task a plain `sembp-bbh` runs (the reference runs each of the 27 on its own). */
export const DEFAULT_BBH_TASK = 'object_counting';

/**
 * Every recipe, one per paper setup; semantic backprop's BBH recipe stands for its 27 tasks
 * (`sembp-bbh/<task>`, see {@link findRecipe}).
 */
export function recipes(): Recipe[] {
  return [
    sembpGsm8k,
    sembpBbh(DEFAULT_BBH_TASK),
    sembpLiar,
    textgradBbhObjectCounting,
    textgradGsm8k,
    gtbpHotpotqa,
  ];
}

/**
 * The recipe called `name`: one of {@link recipes}, or `sembp-bbh/<task>` for any of the 27 BBH
 * tasks (`sembp-bbh` alone is its object_counting task). Throws listing the names when unknown.
 */
export function findRecipe(name: string): Recipe {
  if (name === 'sembp-bbh') return sembpBbh(DEFAULT_BBH_TASK);
  const bbh = /^sembp-bbh\/(.+)$/.exec(name);
  if (bbh) {
    if (!isBbhTask(bbh[1]!))
      throw new Error(`unknown BBH task "${bbh[1]}"; the tasks are: ${BBH_TASKS.join(', ')}`);
    return sembpBbh(bbh[1]!);
  }
  const found = recipes().find((r) => r.name === name);
  if (!found) {
    const names = recipes().map((r) => r.name);
    throw new Error(`unknown recipe "${name}"; the recipes are: ${names.join(', ')} (and sembp-bbh/<task>)`);
  }
  return found;
}
