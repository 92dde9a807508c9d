// Every recipe: its graph validates, its real data subset (../shared/datasets) loads into the
// paper's splits, and a short run on the simulator goes end to end, test split scored last.
import { existsSync, readFileSync } from 'node:fs';
// The simulator's public entry, by path: the engine package does not depend on @backflow/sim.
import { createSimulatedModel } from '../../../sim/src/index';
import { validateWorkflow } from '../graph/validate';
import { datasetUrl } from '../loss/test-support/datasets';
import { Session } from '../optim/session';
import type { SessionSettingsInput } from '../optim/settings';
import { scoreTestSplit } from '../optim/test-split';
import { findRecipe, recipes } from './catalog';
import { cutCounts, loadRecipeData, type RecipeData } from './data';
import type { Recipe } from './types';

/** The texts of a recipe's sources: the first candidate file that exists in the shared folder. */
function sharedTexts(recipe: Recipe): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const source of recipe.sources) {
    const file = source.files.find((f) => existsSync(datasetUrl(f)));
    if (!file) throw new Error(`none of ${source.files.join(', ')} is in the shared datasets`);
    texts[source.id] = readFileSync(datasetUrl(file), 'utf8');
  }
  return texts;
}

/** The simulator as both models (a fresh pair per run: call ids restart). */
const simContext = () => ({
  forwardModel: createSimulatedModel({ seed: 1 }),
  optimizerModel: createSimulatedModel({ seed: 1 }),
});

/**
 * A short run of a recipe on the simulator: one iteration on four training examples (two
 * validation), the recipe's method and gate otherwise, with `ablations` on top.
 */
async function shortRun(recipe: Recipe, data: RecipeData, ablations: SessionSettingsInput['ablations'] = {}) {
  const ctx = simContext();
  const session = Session.create(ctx, {
    workflow: recipe.workflow,
    train: data.train.slice(0, 4),
    val: data.val.slice(0, 2),
    settings: { ...recipe.settings, iterations: 1, batchSize: 4, errorBatchSize: 2, ablations },
  });
  const events = await session.run();
  expect(events.filter((e) => e.type === 'error')).toEqual([]);
  expect(session.done).toBe(true);
  return { ctx, session, events };
}

const all = [...recipes(), findRecipe('sembp-bbh/causal_judgement'), findRecipe('sembp-bbh/word_sorting')];

describe('cutCounts', () => {
  it('keeps the paper counts when they fit and gives the rest to "rest"', () => {
    expect(cutCounts([20, 'rest'], 250)).toEqual({ counts: [20, 230], scaled: false });
    expect(cutCounts([50, 100, 'rest'], 250)).toEqual({ counts: [50, 100, 100], scaled: false });
  });

  it('scales every count together when the file is smaller, and still uses every example once', () => {
    expect(cutCounts([150, 300, 300], 40)).toEqual({ counts: [8, 16, 16], scaled: true });
    expect(cutCounts([200, 300], 200)).toEqual({ counts: [80, 120], scaled: true });
    expect(cutCounts([128], 7)).toEqual({ counts: [7], scaled: true });
  });
});

describe('findRecipe', () => {
  it('knows every recipe and every BBH task, and lists the names on a miss', () => {
    for (const r of recipes()) expect(findRecipe(r.name).name).toBe(r.name);
    expect(findRecipe('sembp-bbh').name).toBe('sembp-bbh/object_counting');
    expect(() => findRecipe('sembp-bbh/chess')).toThrow('unknown BBH task "chess"');
    expect(() => findRecipe('dspy-gsm8k')).toThrow('sembp-gsm8k');
  });
});

describe.each(all.map((r) => [r.name, r] as const))('recipe %s', (_name, recipe) => {
  it('validates and loads its real subset into the paper splits', () => {
    expect(validateWorkflow(recipe.workflow).filter((p) => p.severity === 'error')).toEqual([]);
    const data = loadRecipeData(recipe, sharedTexts(recipe), 0);
    expect(data.train.length).toBeGreaterThan(0);
    expect(data.test.length).toBeGreaterThan(0);
    const ids = [...data.train, ...data.val, ...data.test].map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    const fields = recipe.workflow.nodes.flatMap((n) => (n.kind === 'input' ? n.fields : []));
    for (const e of data.train) for (const f of fields) expect(typeof e.inputs[f]).toBe('string');
    // Same seed, same split.
    expect(loadRecipeData(recipe, sharedTexts(recipe), 0).train.map((e) => e.id)).toEqual(
      data.train.map((e) => e.id),
    );
  });

  it('runs end to end on the simulator, labelled simulated, and scores the test split once at the end', async () => {
    const data = loadRecipeData(recipe, sharedTexts(recipe), 0);
    const { ctx, session } = await shortRun(recipe, data);
    const test = await scoreTestSplit(ctx, session.state.workflow, data.test.slice(0, 3));
    expect(test).toMatchObject({ examples: 3, simulated: true });
    expect(test.score).toBeGreaterThanOrEqual(0);
    expect(test.score).toBeLessThanOrEqual(1);
    expect(test.perExample.map((p) => p.exampleId)).toEqual(data.test.slice(0, 3).map((e) => e.id));
  });
});

describe('paper split sizes on the shared subsets', () => {
  const sizes = (name: string) => {
    const r = findRecipe(name);
    const d = loadRecipeData(r, sharedTexts(r), 0);
    return [d.train.length, d.val.length, d.test.length, d.notes.length];
  };

  it('semantic backprop: BBH 20 train and the rest test; GSM8K 128 train and the test file', () => {
    expect(sizes('sembp-bbh/object_counting')).toEqual([20, 0, 230, 0]);
    expect(sizes('sembp-bbh/causal_judgement')).toEqual([20, 0, 167, 0]);
    expect(sizes('sembp-gsm8k')).toEqual([128, 0, 200, 0]);
  });

  it('TextGrad: BBH 50/100/rest in file order; GSM8K 200/300 scaled to the 200-line subset', () => {
    const r = findRecipe('textgrad-bbh-object-counting');
    const d = loadRecipeData(r, sharedTexts(r), 0);
    expect(d.train.map((e) => e.id).slice(0, 2)).toEqual(['bbh-object_counting-0', 'bbh-object_counting-1']);
    expect(sizes('textgrad-bbh-object-counting')).toEqual([50, 100, 100, 0]);
    expect(sizes('textgrad-gsm8k')).toEqual([80, 120, 200, 1]);
  });

  it('LIAR: 50 binary training statements at most; GTBP HotpotQA: 150/300/300 scaled to 40 records', () => {
    const [train, , test] = sizes('sembp-liar');
    expect(train).toBe(50);
    expect(test).toBeGreaterThan(0);
    expect(sizes('gtbp-hotpotqa')).toEqual([8, 16, 16, 1]);
  });
});

describe("the reference's LIAR ablation", () => {
  it('semantic backprop without sibling information runs the LIAR recipe on the simulator: one call per hint', async () => {
    const recipe = findRecipe('sembp-liar');
    const data = loadRecipeData(recipe, sharedTexts(recipe), 0);
    const { session, events } = await shortRun(recipe, data, { sembpNoSiblings: true });
    expect(session.state.settings.ablations.sembpNoSiblings).toBe(true);
    const atVerdict = events.flatMap((e) => (e.type === 'backwardNode' && e.nodeId === 'verdict' ? [e] : []));
    expect(atVerdict).toHaveLength(1);
    const examples = new Set(atVerdict[0]!.emitted.map((s) => s.exampleId));
    expect(examples.size).toBeGreaterThan(0);
    // Five hints, each asked about alone, per back-propagated example; no sibling shown.
    expect(atVerdict[0]!.emitted).toHaveLength(5 * examples.size);
    expect(atVerdict[0]!.emitted.every((s) => Object.keys(s.siblingOutputs).length === 0)).toBe(true);
  });
});
