// A recipe project trains and validates on the recipe's own split in the studio, the same examples
// as `backflow optimize --recipe NAME` (the engine's `loadRecipeData` over the real data subsets in
// ../shared/datasets), while any other project keeps the validation share.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Example, loadRecipeData, type Recipe, recipes, resolveSettings } from '@backflow/engine';
import { recipeProjectData } from '../gallery/RecipeDataPicker';
import { datasetSplitOf, defaultForm, heldOutTestOf } from './form';
import { formForProject, formOfRecipe, formOfSession } from './form-of-session';
import { recipeDefaultsOf } from './recipe-defaults';

const shared = (p: string) => fileURLToPath(new URL(`../../../../../shared/datasets/${p}`, import.meta.url));

/** The texts of a recipe's sources: the first candidate file there is, as the CLI looks them up. */
function sharedTexts(recipe: Recipe): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const source of recipe.sources) {
    const file = source.files.find((f) => existsSync(shared(f)));
    if (!file) throw new Error(`none of ${source.files.join(', ')} is in the shared datasets`);
    texts[source.id] = readFileSync(shared(file), 'utf8');
  }
  return texts;
}

const ids = (examples: readonly Example[]) => examples.map((e) => e.id);

describe("a recipe project's split in the studio", () => {
  for (const recipe of recipes()) {
    it(`${recipe.name}: trains and validates on the examples the CLI does`, () => {
      const texts = sharedTexts(recipe);
      // The CLI: `backflow optimize --recipe NAME --data-dir DIR` cuts with the run's seed, which
      // is the recipe's own without --seed (apps/cli optimize/start.ts: `settings.seed ?? 1`).
      const cli = loadRecipeData(recipe, texts, recipe.settings.seed ?? 1);
      // The studio: the project the gallery opens with these files, and its Optimize form.
      const project = recipeProjectData(recipe, texts).examples;
      const form = formOfRecipe(recipeDefaultsOf(recipe));
      const split = datasetSplitOf(project, form);

      expect(cli.train.length).toBeGreaterThan(0);
      expect(ids(split.train)).toEqual(ids(cli.train));
      expect(ids(split.val)).toEqual(ids(cli.val));
      expect(ids(heldOutTestOf(project))).toEqual(ids(cli.test));
      // The preflight, the run and the note count the same examples (the form's share is unused).
      expect(datasetSplitOf(project, { ...form, valFraction: 0.5, seed: 99 })).toEqual(split);
    });
  }

  it('would differ with the validation share cut again (what a non-recipe project still does)', () => {
    // Semantic backprop's BBH recipe has no validation split: its 20 training examples all train.
    const recipe = recipes().find((r) => r.name.startsWith('sembp-bbh'));
    if (!recipe) throw new Error('no sembp-bbh recipe');
    const project = recipeProjectData(recipe, sharedTexts(recipe)).examples;
    const recipeForm = formOfRecipe(recipeDefaultsOf(recipe));
    expect(datasetSplitOf(project, recipeForm).val).toHaveLength(0);

    const plain = formForProject(recipeForm, null);
    expect(plain.recipe).toBeUndefined();
    expect(plain.models).toBeUndefined();
    const resplit = datasetSplitOf(project, plain);
    expect(resplit.val.length).toBeGreaterThan(0);
    expect(resplit.train.length + resplit.val.length).toBe(datasetSplitOf(project, recipeForm).train.length);
    // ...exactly as a project that never had a recipe splits it, for the same seed and share.
    const never = {
      ...defaultForm(recipe.settings.algorithm),
      seed: plain.seed,
      valFraction: plain.valFraction,
    };
    expect(datasetSplitOf(project, never)).toEqual(resplit);
  });

  it("gives a run's form read back from its checkpoint its project's recipe again", () => {
    const recipe = recipes().find((r) => r.name === 'textgrad-bbh-object-counting');
    if (!recipe) throw new Error('no textgrad-bbh-object-counting recipe');
    const texts = sharedTexts(recipe);
    const project = recipeProjectData(recipe, texts).examples;
    const defaults = recipeDefaultsOf(recipe);
    const started = datasetSplitOf(project, formOfRecipe(defaults));
    // A resumed run shows the form of its session, which knows nothing of the recipe.
    const resumed = formOfSession({
      settings: resolveSettings(recipe.settings),
      train: started.train,
      val: started.val,
    });
    expect(resumed.recipe).toBeUndefined();
    const next = formForProject(resumed, defaults);
    expect(next.recipe?.name).toBe(recipe.name);
    expect(next.models).toEqual(recipe.models);
    expect(ids(datasetSplitOf(project, next).val)).toEqual(ids(started.val));
    // A form that already has its recipe is left as it is (models edited for the run included).
    const edited = { ...next, models: { forward: 'my-model', optimizer: 'my-optimizer' } };
    expect(formForProject(edited, defaults)).toBe(edited);
  });
});
