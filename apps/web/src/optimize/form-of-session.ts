/**
 * The Optimize form a run was started with, read back from its session state (a resumed run shows
 * its own settings, not the form's defaults).
 */
import { resolveSettings, type SessionState } from '@backflow/engine';
import { defaultForm, gepaFormOf, type OptimizeForm } from './form';
import type { RecipeDefaults } from './recipe-defaults';

/** The form whose session settings and split gave `state` (inverse of `sessionSettingsOf`). */
export function formOfSession(state: Pick<SessionState, 'settings' | 'train' | 'val'>): OptimizeForm {
  const { settings, train, val } = state;
  const total = train.length + val.length;
  const { maxCalls, maxTokens, maxCostUsd } = settings.budget;
  return {
    algorithm: settings.algorithm,
    iterations: settings.iterations,
    batchSize: settings.batchSize,
    // The split is stored, not its fraction: back to the form's 0.05 steps (a split of n examples
    // is within 1/(2n) of the fraction asked for).
    valFraction: total === 0 ? 0 : Math.round((val.length / total) * 20) / 20,
    gate: settings.gate.policy !== 'none',
    seed: settings.seed,
    pauseForDecisions: settings.pauseForDecisions,
    counterfactual: settings.counterfactual ?? 'auto',
    backwardMode: settings.backwardMode,
    ...(Object.values(settings.ablations ?? {}).some(Boolean) ? { ablations: settings.ablations } : {}),
    ...(settings.sembpProtocol ? { sembpProtocol: settings.sembpProtocol } : {}),
    ...(maxCalls !== undefined ? { maxCalls } : {}),
    ...(maxTokens !== undefined ? { maxTokens } : {}),
    ...(maxCostUsd !== undefined ? { maxCostUsd } : {}),
    ...(settings.gepa ? { gepa: gepaFormOf(settings.gepa) } : {}),
  };
}

/**
 * The Optimize form of a recipe project: its algorithm, iterations, minibatch, seed, gate,
 * ablations and protocol as fields, the paper's models as editable names, and its other settings
 * (the gate's scope, the error batch, ...) kept under the fields (`recipe.settings`), so the
 * session gets them too.
 */
export function formOfRecipe(defaults: RecipeDefaults): OptimizeForm {
  const { settings } = defaults;
  const fields = formOfSession({ settings: resolveSettings(settings), train: [], val: [] });
  return {
    ...fields,
    // Unused while the recipe is on the form: its split is the recipe's own (`datasetSplitOf`).
    valFraction: defaultForm(settings.algorithm).valFraction,
    recipe: { name: defaults.recipe, settings },
    models: { ...defaults.models },
  };
}

/**
 * The form as it fits the opened project (`defaults`: its stored recipe, null for none). A run's
 * form read back from its checkpoint ({@link formOfSession}) knows nothing of a recipe, so a
 * recipe project's recipe and paper models are put back under it (the next run takes the recipe's
 * split and settings again); a form carried over from a recipe project loses them on any other
 * project, which then splits its data with the validation share.
 */
export function formForProject(form: OptimizeForm, defaults: RecipeDefaults | null): OptimizeForm {
  if (!defaults) {
    if (!form.recipe && !form.models) return form;
    const { recipe: _recipe, models: _models, ...rest } = form;
    return rest;
  }
  if (form.recipe?.name === defaults.recipe) return form;
  return {
    ...form,
    recipe: { name: defaults.recipe, settings: defaults.settings },
    models: form.models ?? { ...defaults.models },
  };
}
