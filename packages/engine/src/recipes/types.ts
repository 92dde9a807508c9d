import type { BbhTask } from '../datasets/bbh';
import type { Workflow } from '../graph/schema';
import type { SessionSettingsInput } from '../optim/settings';

/** The paper a recipe reproduces. */
export type RecipePaper = 'sembp' | 'textgrad' | 'gtbp';

/** How one official file is read (datasets/ loaders). */
export type RecipeFormat = 'bbh' | 'gsm8k-train' | 'gsm8k-test' | 'liar-sbp-binary' | 'hotpotqa';

/**
 * One official data file a recipe reads. `files` are candidate paths relative to the data folder,
 * tried in order: the official file name first, then the shared test subset's name.
 */
export interface RecipeSource {
  id: string;
  format: RecipeFormat;
  files: string[];
  /** The BBH task, for `format: "bbh"`. */
  task?: BbhTask;
  /** Which LIAR file this is (its ids say so), for `format: "liar-sbp-binary"`. */
  liarSplit?: 'train' | 'valid' | 'test';
}

/** How many examples a split takes: a count, or everything the earlier cuts left. */
export type CutCount = number | 'rest';

/**
 * A source's examples cut into splits, in order: file order as the paper's code does, or a
 * seeded shuffle first. Counts larger than the file (a test subset) are scaled down together,
 * keeping their proportions; `'rest'` takes what is left.
 */
export interface RecipeSplitPlan {
  source: string;
  order: 'file' | 'seeded';
  cuts: Array<{ split: 'train' | 'val' | 'test'; count: CutCount }>;
}

/**
 * A paper's setup, ready to run: the graph with its prompts and loss, the session settings, the
 * data files and their splits, and the paper's models (editable defaults).
 */
export interface Recipe {
  /** Stable name for `backflow optimize --recipe NAME`. */
  name: string;
  title: string;
  paper: RecipePaper;
  /** One paragraph: what is reproduced and what differs. */
  summary: string;
  workflow: Workflow;
  settings: SessionSettingsInput;
  /** The paper's forward and optimizer models; a person may change them. */
  models: { forward: string; optimizer: string };
  sources: RecipeSource[];
  splits: RecipeSplitPlan[];
}
