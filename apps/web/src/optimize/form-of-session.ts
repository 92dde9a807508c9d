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
    // The split is the dataset's (its test labels held out), with the panel's usual validation share.
    valFraction: defaultForm(settings.algorithm).valFraction,
    recipe: { name: defaults.recipe, settings },
    models: { ...defaults.models },
  };
}
