// A simulator fixture for the experiments tests, read from packages/sim/fixtures.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Example, Workflow } from '@backflow/engine';

const ROOT = join(import.meta.dirname, '..', '..', '..', '..', '..', 'packages', 'sim', 'fixtures');

/** A fixture's workflow file (e.g. "workflow.json", "broken-1.workflow.json") and its examples. */
export function simFixture(name: string, workflowFile = 'workflow.json') {
  const dir = join(ROOT, name);
  const jsonl = (file: string) =>
    readFileSync(join(dir, file), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Example);
  return {
    workflow: JSON.parse(readFileSync(join(dir, workflowFile), 'utf8')) as Workflow,
    train: jsonl('train.jsonl'),
    val: jsonl('val.jsonl'),
  };
}
