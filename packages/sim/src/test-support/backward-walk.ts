/**
 * A minimal semantic-backpropagation walk for tests: seed the output nodes with their expected
 * values, then visit llm nodes in reverse topological order, asking the model for one joint
 * gradient per node per example and delivering each input's message to its upstream node.
 */
import {
  type ChatModel,
  type Example,
  sembpGradientAnswerSchema,
  type TaskMessage,
  type Workflow,
} from '../engine';
import { expectedFor, nodeById, topologicalOrder, type WorkflowRun } from './run-workflow';
import { ask, sembpGradientTask } from './tasks';

/** Messages each llm node received, per example index. */
export type Inbox = Map<string, Map<number, TaskMessage[]>>;

/** Runs the walk over `examples` (with their forward `runs`) and returns every node's inbox. */
export async function sembpWalk(
  workflow: Workflow,
  examples: readonly Example[],
  runs: readonly WorkflowRun[],
  model: ChatModel,
  variant: 'target' | 'comment' = 'target',
): Promise<Inbox> {
  const inbox: Inbox = new Map();
  const deliver = (nodeId: string, i: number, message: TaskMessage) => {
    const perNode = inbox.get(nodeId) ?? new Map<number, TaskMessage[]>();
    perNode.set(i, [...(perNode.get(i) ?? []), message]);
    inbox.set(nodeId, perNode);
  };
  examples.forEach((example, i) => {
    for (const out of workflow.nodes) {
      if (out.kind !== 'output') continue;
      const edge = workflow.edges.find((e) => e.target === out.id);
      const expected = expectedFor(example, out.targetKey);
      if (edge && runs[i]?.outputs[out.id] !== expected) {
        deliver(edge.source, i, {
          from: 'loss',
          text: `The expected output is ${JSON.stringify(expected)}.`,
          suggestedValue: expected,
        });
      }
    }
  });
  for (const nodeId of topologicalOrder(workflow).reverse()) {
    if (nodeById(workflow, nodeId).kind !== 'llm') continue;
    for (const [i, messages] of inbox.get(nodeId) ?? []) {
      const run = runs[i] as WorkflowRun;
      const task = sembpGradientTask(workflow, run, examples[i] as Example, nodeId, messages, variant);
      const answer = await ask(model, task, sembpGradientAnswerSchema);
      for (const input of task.inputs) {
        const verdict = answer.inputs[input.id];
        if (!verdict?.change || input.kind !== 'llm') continue;
        deliver(input.id, i, { from: nodeId, text: verdict.message, suggestedValue: verdict.suggestedValue });
      }
    }
  }
  return inbox;
}
