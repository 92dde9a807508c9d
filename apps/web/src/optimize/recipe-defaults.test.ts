import 'fake-indexeddb/auto';
import { recipes, resolveSettings } from '@backflow/engine';
import { openBackflowDb } from '../persistence/db';
import { getProject, saveWorkflow } from '../persistence/projects';
import { defaultModelSettings, defaultSettings, withPreset } from '../settings/provider-settings';
import { providerOf, sessionSettingsOf } from './form';
import { formOfRecipe } from './form-of-session';
import { readRecipeDefaults, recipeDefaultsOf } from './recipe-defaults';

describe("a recipe's settings in the Optimize form", () => {
  it.each(recipes().map((r) => [r.name, r] as const))(
    '%s: stored, read back and turned into a form that gives the session the recipe settings',
    (_name, recipe) => {
      const stored = JSON.parse(JSON.stringify(recipeDefaultsOf(recipe)));
      const defaults = readRecipeDefaults(stored);
      expect(defaults).toEqual(recipeDefaultsOf(recipe));
      if (!defaults) throw new Error('unread');
      const form = formOfRecipe(defaults);
      expect(form.algorithm).toBe(recipe.settings.algorithm);
      expect(form.models).toEqual(recipe.models);
      const resolved = resolveSettings(recipe.settings);
      expect(form.iterations).toBe(resolved.iterations);
      expect(form.batchSize).toBe(resolved.batchSize);
      // Every setting reaches the session as the recipe has it (the form only puts its fields on
      // top); the counterfactual check is the studio's own ("auto": on with the simulator).
      const { counterfactual, ...session } = resolveSettings(sessionSettingsOf(form));
      expect(counterfactual).toBe('auto');
      expect(session).toEqual({ ...resolved, counterfactual: undefined });
    },
  );

  it('refuses what is not a recipe record: unknown fields, bad settings, empty model names', () => {
    const good = recipeDefaultsOf(recipes()[0]!);
    expect(readRecipeDefaults(undefined)).toBeNull();
    expect(readRecipeDefaults({ ...good, extra: 1 })).toBeNull();
    expect(readRecipeDefaults({ ...good, v: 2 })).toBeNull();
    expect(readRecipeDefaults({ ...good, settings: { ...good.settings, iterations: -3 } })).toBeNull();
    expect(readRecipeDefaults({ ...good, models: { forward: ' ', optimizer: 'x' } })).toBeNull();
  });

  it('the paper model names replace a real endpoint model, never the simulator', () => {
    const real = { ...defaultSettings(), forward: withPreset(defaultModelSettings(), 'openai') };
    const provider = providerOf(real, { forward: 'gpt-4o', optimizer: 'gpt-4' });
    expect(provider.forward.model).toBe('gpt-4o');
    expect(provider.forward.baseUrl).toBe(real.forward.baseUrl);
    // The optimizer is still the simulator: its settings are unchanged.
    expect(provider.optimizer).toEqual(real.optimizer);
    expect(providerOf(real)).toEqual({ forward: real.forward, optimizer: real.optimizer });
  });

  it('is kept with the project across saves, and dropped (not trusted) when it does not read', async () => {
    const db = openBackflowDb(`recipe-defaults-${Date.now()}`);
    const recipe = recipes()[0]!;
    const doc = { ...recipe.workflow, id: 'wf-recipe' };
    await saveWorkflow(db, doc, '', recipeDefaultsOf(recipe));
    await saveWorkflow(db, { ...doc, name: 'renamed by an edit' }, 'tab');
    expect((await getProject(db, doc.id))?.recipe).toEqual(recipeDefaultsOf(recipe));
    await db.workflows.update(doc.id, { recipe: { v: 1, recipe: 'x' } as never });
    const row = await getProject(db, doc.id);
    expect(row?.doc.name).toBe('renamed by an edit');
    expect(row?.recipe).toBeUndefined();
  });
});
