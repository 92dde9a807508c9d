import { recipes } from '@backflow/engine';
import { helpOption, parseCommandArgs } from '../cli/args';
import type { Command } from '../cli/command';
import { ExitCode } from '../cli/exit-codes';

const usage = `Usage: backflow recipes [--json]

Lists the paper recipes: each paper's graph, prompts, loss, settings and data splits, ready for
  backflow optimize --recipe NAME --data-dir DIR --out OUT
Semantic backprop's BBH recipe runs any of the 27 tasks as sembp-bbh/<task>. docs/recipes.md gives
every setting with its source.

Options:
  --json       one JSON object per recipe and line: { name, title, paper, models, files, summary }
  -h, --help   this text
`;

const options = { ...helpOption, json: { type: 'boolean' } } as const;

/** `backflow recipes`: the paper recipes `optimize --recipe` runs. */
export const recipesCommand: Command = {
  name: 'recipes',
  usage,
  async run(argv, io) {
    const { values } = parseCommandArgs('recipes', argv, options);
    for (const r of recipes()) {
      const files = r.sources.map((s) => s.files[0]!);
      if (values.json) {
        io.stdout(
          `${JSON.stringify({ name: r.name, title: r.title, paper: r.paper, models: r.models, files, summary: r.summary })}\n`,
        );
        continue;
      }
      io.stdout(
        `${r.name}\n  ${r.title}: ${r.summary}\n  models: forward ${r.models.forward}, optimizer ${r.models.optimizer}; data: ${files.join(', ')}\n`,
      );
    }
    return ExitCode.ok;
  },
};
