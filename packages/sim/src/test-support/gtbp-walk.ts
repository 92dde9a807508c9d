/**
 * A minimal GTBP target walk for tests: each output node's target is the reference answer; llm
 * nodes, in reverse topological order, invert themselves towards their target (`gtbp.invert`) and
 * hand each llm predecessor its target. Several successors' targets are merged by majority (the
 * first on a tie), standing in for the reconciliation call.
 */
import { type ChatModel, type Example, gtbpInvertAnswerSchema, type Workflow } from '../engine';
import { expectedFor, nodeById, topologicalOrder, type WorkflowRun } from './run-workflow';
import { ask, gtbpInvertTask } from './tasks';

/** Node id -> example index -> the target that node's output should have had. */
export type Targets = Map<string, Map<number, string>>;

function majority(values: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | undefined;
  for (const [v, n] of counts) if (best === undefined || n > (counts.get(best) ?? 0)) best = v;
  return best;
}

/** Runs the walk and returns every llm node's (reconciled) target per example. */
export async function gtbpWalk(
  workflow: Workflow,
  examples: readonly Example[],
  runs: readonly WorkflowRun[],
  model: ChatModel,
): Promise<Targets> {
  const proposals = new Map<string, Map<number, string[]>>();
  const propose = (nodeId: string, i: number, target: string) => {
    const perNode = proposals.get(nodeId) ?? new Map<number, string[]>();
    perNode.set(i, [...(perNode.get(i) ?? []), target]);
    proposals.set(nodeId, perNode);
  };
  examples.forEach((example, i) => {
    for (const out of workflow.nodes) {
      const edge = workflow.edges.find((e) => e.target === out.id);
      if (out.kind === 'output' && edge) propose(edge.source, i, expectedFor(example, out.targetKey));
    }
  });
  const targets: Targets = new Map();
  for (const nodeId of topologicalOrder(workflow).reverse()) {
    if (nodeById(workflow, nodeId).kind !== 'llm') continue;
    for (const [i, candidates] of proposals.get(nodeId) ?? []) {
      const target = majority(candidates) as string;
      const run = runs[i] as WorkflowRun;
      targets.set(nodeId, (targets.get(nodeId) ?? new Map()).set(i, target));
      if (run.nodes[nodeId]?.output.trim() === target.trim()) continue;
      const task = gtbpInvertTask(workflow, run, examples[i] as Example, nodeId, target);
      const answer = await ask(model, task, gtbpInvertAnswerSchema);
      for (const input of task.inputs) {
        const t = answer.targets[input.id];
        if (input.kind === 'llm' && t !== undefined) propose(input.id, i, t);
      }
    }
  }
  return targets;
}
