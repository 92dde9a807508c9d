// Public API of the paper recipes: graphs, prompts, splits, losses and settings of the papers.
export * from './catalog';
export { loadRecipeData, type RecipeData } from './data';
export type * from './types';
