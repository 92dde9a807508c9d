/**
 * The example gallery's entries: the simulator's fixture workflows (and their broken variants,
 * with a train set when the fixture has one) plus two real-model templates. Everything is loaded
 * with lazy `import.meta.glob`, so none of it is in the initial bundle.
 */
import { type Example, type Recipe, recipes } from '@backflow/engine';

export interface GalleryEntry {
  key: string;
  title: string;
  group: 'Paper recipes' | 'Real-model templates' | 'Simulated world' | 'Simulated world: broken variants';
  /** What the workflow does, in a sentence or two (the card's text). */
  description: string;
  /** A broken variant's name ("broken-1"): the opened project's name carries it. */
  variant?: string;
  /** A line under the title (a recipe's models and data); the group's default line otherwise. */
  detail?: string;
  /** Loads the workflow document (unparsed JSON). */
  load(): Promise<unknown>;
  /** The paper recipe this entry opens (its settings and models go with the project). */
  recipe?: Recipe;
  /** Loads the fixture's training examples, when it has any. */
  loadExamples?: () => Promise<Example[]>;
}

const templates = import.meta.glob<unknown>('./templates/*.json', { import: 'default' });
const fixtures = import.meta.glob<unknown>('../../../../packages/sim/fixtures/*/*workflow.json', {
  import: 'default',
});
// Only the `description` key of each document (Vite's JSON named export): small, for the cards.
const descriptions = {
  ...import.meta.glob<string>('./templates/*.json', { import: 'description', eager: true }),
  ...import.meta.glob<string>('../../../../packages/sim/fixtures/*/*workflow.json', {
    import: 'description',
    eager: true,
  }),
};
const trainSets = import.meta.glob<string>('../../../../packages/sim/fixtures/*/train.jsonl', {
  query: '?raw',
  import: 'default',
});

/** Reads a fixture's JSONL of `{id, inputs, target}` examples, skipping lines of other shapes. */
export function parseExampleLines(text: string): Example[] {
  const out: Example[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    try {
      const v = JSON.parse(line) as Partial<Example>;
      if (
        v &&
        typeof v.id === 'string' &&
        v.inputs &&
        typeof v.inputs === 'object' &&
        typeof v.target === 'string'
      ) {
        out.push({
          id: v.id,
          inputs: v.inputs,
          target: v.target,
          ...(v.targets ? { targets: v.targets } : {}),
        });
      }
    } catch {
      // A line that is not JSON is not an example; the fixture's own tests own its format.
    }
  }
  return out;
}

function titleCase(slug: string): string {
  return slug.replace(/[-_]+/g, ' ').replace(/^\w/, (c) => c.toUpperCase());
}

/**
 * A paper recipe as a gallery entry: its workflow (graph, prompts, loss, the paper's forward model
 * as the default model). The data stays out of the bundle: the description names the file to import.
 */
export function recipeEntry(recipe: Recipe): GalleryEntry {
  const files = recipe.sources.map((s) => s.files[0]).join(', ');
  return {
    key: `recipe:${recipe.name}`,
    title: recipe.title,
    group: 'Paper recipes',
    description: recipe.summary,
    recipe,
    detail: `${recipe.settings.algorithm} · forward ${recipe.models.forward} · optimizer ${recipe.models.optimizer} · data ${files}`,
    load: async () => ({
      ...recipe.workflow,
      description: `${recipe.workflow.description} ${recipe.summary} Data: import ${files} (docs/recipes.md). Paper models: forward ${recipe.models.forward}, optimizer ${recipe.models.optimizer} (the Optimize panel starts from them and the recipe's settings). CLI: backflow optimize --recipe ${recipe.name} --data-dir DIR.`,
    }),
  };
}

/** Every gallery entry, templates first. */
export function galleryEntries(): GalleryEntry[] {
  const entries: GalleryEntry[] = recipes().map(recipeEntry);
  const templateEntries: GalleryEntry[] = Object.entries(templates).map(([path, load]) => ({
    key: path,
    title: path.includes('gsm8k') ? 'GSM8K math: solve, then extract' : 'Diamond: two analysts and a judge',
    group: 'Real-model templates',
    description: descriptions[path] ?? '',
    load,
  }));
  entries.push(...templateEntries);
  for (const [path, load] of Object.entries(fixtures)) {
    const match = path.match(/fixtures\/([^/]+)\/(.*)workflow\.json$/);
    if (!match) continue;
    const [, fixture = '', prefix = ''] = match;
    const train = trainSets[path.replace(/[^/]+$/, 'train.jsonl')];
    const broken = prefix.startsWith('broken');
    const variant = prefix.replace(/\.$/, '');
    entries.push({
      key: path,
      title: broken ? `${titleCase(fixture)} — ${variant}` : titleCase(fixture),
      group: broken ? 'Simulated world: broken variants' : 'Simulated world',
      description: (descriptions[path] ?? '').replace(/\s*\(Simulator fixture:[^)]*\)\s*$/, ''),
      ...(broken ? { variant } : {}),
      load,
      ...(train ? { loadExamples: async () => parseExampleLines(await train()) } : {}),
    });
  }
  return entries.sort((a, b) => a.group.localeCompare(b.group) || a.title.localeCompare(b.title));
}
