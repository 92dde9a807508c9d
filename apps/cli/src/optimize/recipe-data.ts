import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Example, findRecipe, loadRecipeData, type Recipe } from '@backflow/engine';
import { dataError, usageError } from '../cli/exit-codes';
import { readTextFile, resolvePath } from '../cli/files';
import type { CliIo } from '../cli/io';

/** A recipe's data as `optimize` uses it: the splits, and the files read. */
export interface RecipeRunData {
  recipe: Recipe;
  train: Example[];
  val: Example[];
  test: Example[];
  /** The files read, relative to the data folder, comma-separated (shown in the report). */
  files: string;
}

/** The recipe named by `--recipe` (a usage error, listing the names, when unknown). */
export function readRecipe(name: string): Recipe {
  try {
    return findRecipe(name);
  } catch (error) {
    throw usageError(`--recipe: ${(error as Error).message}.`);
  }
}

/**
 * Reads a recipe's official files from `dataDir` (each source: its official name, else the
 * shared subset's name) and cuts the paper's splits with `seed`. Notes (counts scaled to a
 * smaller file) go to stderr; a missing file is a data error naming every path tried.
 */
export async function loadRecipeRunData(
  io: CliIo,
  recipe: Recipe,
  dataDir: string,
  seed: number,
): Promise<RecipeRunData> {
  const root = resolvePath(io.cwd, dataDir);
  const texts: Record<string, string> = {};
  const used: string[] = [];
  for (const source of recipe.sources) {
    const file = source.files.find((f) => existsSync(join(root, f)));
    if (file === undefined)
      throw dataError(
        `recipe ${recipe.name} needs ${source.files.map((f) => join(dataDir, f)).join(' or ')} (see docs/recipes.md for where to get it).`,
      );
    texts[source.id] = await readTextFile(join(root, file), 'dataset');
    used.push(file);
  }
  let data: ReturnType<typeof loadRecipeData>;
  try {
    data = loadRecipeData(recipe, texts, seed);
  } catch (error) {
    throw dataError(`recipe ${recipe.name}: ${(error as Error).message}`);
  }
  for (const note of data.notes) io.stderr(`optimize: recipe ${recipe.name}: ${note}\n`);
  return { recipe, train: data.train, val: data.val, test: data.test, files: used.join(', ') };
}
