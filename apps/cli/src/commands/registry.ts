// Every command, in the order `backflow --help` lists them. Each is imported only when it runs:
// the CLI bundle is split per command (apps/cli/scripts/build.mjs), so starting one command does
// not load the code of the others.
import type { CommandEntry } from '../cli/command';

/** The commands of `backflow`. */
export const commands: readonly CommandEntry[] = [
  {
    name: 'validate',
    summary: 'check workflow documents and list every problem',
    load: async () => (await import('./validate')).validateCommand,
  },
  {
    name: 'run',
    stopsOnSignal: true,
    summary: 'run a workflow on a dataset and score it',
    load: async () => (await import('./run')).runCommand,
  },
  {
    name: 'optimize',
    stopsOnSignal: true,
    summary: 'optimize the prompts by backward passes (GTBP, semantic backprop, TextGrad)',
    load: async () => (await import('./optimize')).optimizeCommand,
  },
  {
    name: 'recipes',
    summary: "list the papers' recipes (graphs, prompts, splits, settings) for optimize --recipe",
    load: async () => (await import('./recipes')).recipesCommand,
  },
  {
    name: 'experiment',
    stopsOnSignal: true,
    summary: 'compare algorithms or ablations over seeds, with intervals and paired tests',
    load: async () => (await import('./experiment')).experimentCommand,
  },
  {
    name: 'serve-sim',
    stopsOnSignal: true,
    summary: 'serve the simulated model as an OpenAI-compatible endpoint (offline)',
    load: async () => (await import('./serve-sim')).serveSimCommand,
  },
];
