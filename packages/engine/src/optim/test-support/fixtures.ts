import type { Example } from '../../datasets/types';
import { type Workflow, workflowSchema } from '../../graph/schema';

/** One broken variant of a simulator fixture, with its known culprit. */
export interface BrokenFixture {
  /** "<fixture>/<file>", e.g. "diamond-words/broken-2.workflow.json". */
  name: string;
  culprit: string;
  workflow: Workflow;
  train: Example[];
  val: Example[];
}

/** Parses a JSONL dataset (blank lines ignored). */
export function parseJsonl(text: string): Example[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Example);
}

/**
 * Every broken variant of the simulator's fixtures. The caller reads files (tests may use node:fs;
 * this module stays free of Node built-ins): `list(dir)` names a directory's entries, `read(path)`
 * returns a file's text; paths are joined with "/".
 */
export function brokenFixtures(
  root: string,
  list: (dir: string) => string[],
  read: (path: string) => string,
) {
  const out: BrokenFixture[] = [];
  for (const dir of list(root).sort()) {
    const culprits = JSON.parse(read(`${root}/${dir}/culprits.json`)) as Record<string, string>;
    const train = parseJsonl(read(`${root}/${dir}/train.jsonl`));
    const val = parseJsonl(read(`${root}/${dir}/val.jsonl`));
    for (const [file, culprit] of Object.entries(culprits).sort()) {
      const workflow = workflowSchema.parse(JSON.parse(read(`${root}/${dir}/${file}`)));
      out.push({ name: `${dir}/${file}`, culprit, workflow, train, val });
    }
  }
  return out;
}
