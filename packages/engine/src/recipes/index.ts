// Public API of the paper recipes: graphs, prompts, splits, losses and settings of the papers.
export * from './catalog';
export { cutCounts, loadRecipeData, parseRecipeSource, type RecipeData } from './data';
export { recipeFacts } from './facts';
export type * from './types';
