import { findRecipe, recipes } from '@backflow/engine';
import { parseWorkflowValue } from '../engine-adapters/parse';
import { galleryEntries, recipeEntry } from './catalog';

describe('gallery catalog', () => {
  const entries = galleryEntries();

  it('gives every card a description of its own workflow', () => {
    expect(entries.length).toBeGreaterThan(10);
    for (const e of entries) {
      expect(e.description.length, e.title).toBeGreaterThan(20);
      expect(e.description).not.toMatch(/Simulator fixture/);
      // A newcomer's copy has no repository around it: no path into one.
      expect(e.description, e.title).not.toMatch(/\.\.\/|shared\/datasets/);
    }
  });

  it('names each broken variant, so opened variants are told apart', () => {
    const broken = entries.filter((e) => e.group === 'Simulated world: broken variants');
    expect(broken.length).toBeGreaterThan(0);
    for (const e of broken) {
      expect(e.variant).toMatch(/^broken-\d+$/);
      expect(e.title.endsWith(`— ${e.variant}`)).toBe(true);
    }
    expect(entries.filter((e) => e.group === 'Simulated world').every((e) => e.variant === undefined)).toBe(
      true,
    );
  });
});

describe('gallery: paper recipes', () => {
  it('lists every recipe first, in its own group', () => {
    const entries = galleryEntries();
    const recipeTitles = entries.filter((e) => e.group === 'Paper recipes').map((e) => e.title);
    expect(recipeTitles.sort()).toEqual(
      recipes()
        .map((r) => r.title)
        .sort(),
    );
    expect(entries[0]!.group).toBe('Paper recipes');
  });

  it("opens a recipe's graph as a valid workflow naming its data, models and CLI line", async () => {
    const recipe = findRecipe('sembp-liar');
    const entry = recipeEntry(recipe);
    expect(entry.detail).toContain('forward gpt-4o-mini · optimizer gpt-4-turbo');
    const parsed = parseWorkflowValue(await entry.load());
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.workflow.nodes.map((n) => n.id)).toContain('verdict');
    expect(parsed.workflow.defaults.model).toBe('gpt-4o-mini');
    expect(parsed.workflow.description).toContain('liar/train.tsv');
    expect(parsed.workflow.description).toContain('--recipe sembp-liar');
    expect(entry.loadExamples).toBeUndefined();
  });
});
