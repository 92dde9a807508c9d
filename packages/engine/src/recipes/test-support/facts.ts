import { algorithmDefinition } from '../../algorithms/registry';
import { promptsOf } from '../../optim/gate';
import { resolveSettings } from '../../optim/settings';
import type { Recipe, RecipeSplitPlan } from '../types';

function describeSplit(plan: RecipeSplitPlan, recipe: Recipe): string[] {
  const source = recipe.sources.find((s) => s.id === plan.source)!;
  const order = plan.order === 'seeded' ? 'seeded shuffle' : 'file order';
  return plan.cuts.map(
    (c) => `${c.split}: ${c.count === 'rest' ? 'the rest' : c.count} of ${source.files[0]} (${order})`,
  );
}

/**
 * Every setting of a recipe as `name -> value` text, the form docs/recipes.md tabulates (a test
 * compares the two field by field): the resolved session settings the method uses, the models,
 * the loss, the graph and the splits.
 */
export function recipeFacts(recipe: Recipe): Record<string, string> {
  const s = resolveSettings(recipe.settings);
  const facts: Record<string, string> = {
    algorithm: s.algorithm,
    iterations: String(s.iterations),
    batchSize: String(s.batchSize),
    errorBatchSize: String(s.errorBatchSize),
    invertOnlyFailing: String(s.invertOnlyFailing),
    gate: `${s.gate.policy}, ${s.gate.scope}, on ${s.gate.on}`,
    seed: String(s.seed),
    earlyStop: String(s.earlyStop),
    'models.forward': recipe.models.forward,
    'models.optimizer': recipe.models.optimizer,
    temperature:
      recipe.workflow.defaults.temperature === undefined
        ? 'provider default'
        : String(recipe.workflow.defaults.temperature),
    loss: recipe.workflow.loss.kind,
    graph: recipe.workflow.edges
      .filter((e) => e.source !== 'input')
      .map((e) => `${e.source}->${e.target}`)
      .join(', '),
  };
  Object.assign(facts, algorithmDefinition(s.algorithm).facts?.(s));
  for (const [i, line] of recipe.splits.flatMap((p) => describeSplit(p, recipe)).entries())
    facts[`split ${i + 1}`] = line;
  for (const [id, prompt] of Object.entries(promptsOf(recipe.workflow))) facts[`prompt ${id}`] = prompt;
  return facts;
}
