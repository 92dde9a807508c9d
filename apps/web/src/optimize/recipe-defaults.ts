/**
 * A paper recipe's settings, stored with the project it opened (the workflow row's `recipe`): the
 * recipe's session settings and the paper's forward and optimizer models. Stored rows are a
 * contract: {@link readRecipeDefaults} parses them on load (an unreadable one is dropped, never
 * trusted), and `formOfRecipe` (form-of-session.ts) fills the Optimize form with them as editable
 * defaults. Imported by persistence: keep it free of the form's imports.
 */
import { type Recipe, resolveSettings, sessionSettingsInputSchema } from '@backflow/engine';
import * as z from 'zod';

const modelName = z.string().trim().min(1).max(200);

const recipeDefaultsSchema = z
  .object({
    /** The stored format's version (1). */
    v: z.literal(1),
    /** The recipe's name (`backflow optimize --recipe NAME`). */
    recipe: z.string().min(1).max(200),
    settings: sessionSettingsInputSchema,
    models: z.object({ forward: modelName, optimizer: modelName }).strict(),
  })
  .strict();

/** What a recipe project keeps for its Optimize form. */
export type RecipeDefaults = z.infer<typeof recipeDefaultsSchema>;

/** The defaults a recipe's project is stored with (from the engine's recipe object). */
export function recipeDefaultsOf(recipe: Recipe): RecipeDefaults {
  return { v: 1, recipe: recipe.name, settings: recipe.settings, models: recipe.models };
}

/** A stored `recipe` field read back, or null when it is absent or not one (settings the engine refuses included). */
export function readRecipeDefaults(value: unknown): RecipeDefaults | null {
  if (value === undefined) return null;
  const parsed = recipeDefaultsSchema.safeParse(value);
  if (!parsed.success) return null;
  try {
    resolveSettings(parsed.data.settings);
  } catch {
    return null;
  }
  return parsed.data as RecipeDefaults;
}
