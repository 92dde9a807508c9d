/** Test support (Node only): reads a simulator fixture's files for {@link recordRun}. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FixtureFiles } from './run-fixture';

const ROOT = join(import.meta.dirname, '..', '..', '..', '..', '..', 'packages', 'sim', 'fixtures');

/** The files of `packages/sim/fixtures/<dir>`, with `workflowFile` as the workflow. */
export function fixtureFiles(dir: string, workflowFile = 'broken-1.workflow.json'): FixtureFiles {
  const read = (name: string) => readFileSync(join(ROOT, dir, name), 'utf8');
  return { workflow: read(workflowFile), train: read('train.jsonl'), val: read('val.jsonl') };
}
