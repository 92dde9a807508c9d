/** Test helper: a broken fixture variant run forward next to its correct workflow, per example. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChatModel, Example } from '../engine';
import { parseExamples, parseWorkflow } from './fixture-files';
import { runWorkflow, type WorkflowRun } from './run-workflow';

const ROOT = join(import.meta.dirname, '..', '..', 'fixtures');

/** Runs `file` of fixture `name` and the correct workflow on every training example. */
export async function loadBrokenRuns(model: ChatModel, name: string, file = 'workflow.json') {
  const workflow = parseWorkflow(readFileSync(join(ROOT, name, file), 'utf8'));
  const correct = parseWorkflow(readFileSync(join(ROOT, name, 'workflow.json'), 'utf8'));
  const train = parseExamples(readFileSync(join(ROOT, name, 'train.jsonl'), 'utf8'));
  const culprits = JSON.parse(readFileSync(join(ROOT, name, 'culprits.json'), 'utf8')) as Record<
    string,
    string
  >;
  const runs: WorkflowRun[] = [];
  const refs: WorkflowRun[] = [];
  for (const ex of train) {
    runs.push(await runWorkflow(workflow, ex, model));
    refs.push(await runWorkflow(correct, ex, model));
  }
  return { workflow, train, runs, refs, culprit: culprits[file] ?? '' };
}

/** The first example where `nodeId`'s output differs from the correct workflow's. */
export function firstFailure(runs: WorkflowRun[], refs: WorkflowRun[], train: Example[], nodeId: string) {
  const i = runs.findIndex((r, k) => r.nodes[nodeId]?.output !== refs[k]?.nodes[nodeId]?.output);
  if (i < 0) throw new Error(`${nodeId} never differs from the correct workflow`);
  return { run: runs[i] as WorkflowRun, ref: refs[i] as WorkflowRun, example: train[i] as Example };
}
