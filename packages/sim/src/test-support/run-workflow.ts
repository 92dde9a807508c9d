/**
 * A tiny forward executor for tests and the fixture generator: topological order, `{{name}}`
 * templates, one model call per llm node. The engine's real executor lives in packages/engine;
 * this one exists so the simulator can be tested on its own.
 */
import type { ChatModel, Example, Workflow, WorkflowNode } from '../engine';
import { renderTemplate } from '../world/template';

/** What one node did for one example. */
export interface NodeRun {
  nodeId: string;
  /** Input name -> value. */
  inputs: Record<string, string>;
  /** Rendered user message (llm nodes). */
  rendered?: string;
  output: string;
}

/** One example through the workflow. */
export interface WorkflowRun {
  exampleId: string;
  nodes: Record<string, NodeRun>;
  /** Output node id -> final answer. */
  outputs: Record<string, string>;
}

/** Node ids in an order where every node comes after all its predecessors (Kahn, stable by position). */
export function topologicalOrder(workflow: Workflow): string[] {
  const indegree = new Map(workflow.nodes.map((n) => [n.id, 0]));
  for (const e of workflow.edges) indegree.set(e.target, (indegree.get(e.target) ?? 0) + 1);
  const ready = workflow.nodes.filter((n) => indegree.get(n.id) === 0).map((n) => n.id);
  const order: string[] = [];
  while (ready.length > 0) {
    const id = ready.shift() as string;
    order.push(id);
    for (const e of workflow.edges.filter((x) => x.source === id)) {
      const left = (indegree.get(e.target) ?? 0) - 1;
      indegree.set(e.target, left);
      if (left === 0) ready.push(e.target);
    }
  }
  if (order.length !== workflow.nodes.length) throw new Error(`workflow ${workflow.id} has a cycle`);
  return order;
}

/** The node with this id (throws when absent: a broken fixture is a programming error). */
export function nodeById(workflow: Workflow, id: string): WorkflowNode {
  const node = workflow.nodes.find((n) => n.id === id);
  if (!node) throw new Error(`no node "${id}" in ${workflow.id}`);
  return node;
}

/** Runs one example through the workflow with `model`. */
export async function runWorkflow(
  workflow: Workflow,
  example: Example,
  model: ChatModel,
): Promise<WorkflowRun> {
  const nodes: Record<string, NodeRun> = {};
  const outputs: Record<string, string> = {};
  for (const id of topologicalOrder(workflow)) {
    const node = nodeById(workflow, id);
    const inputs: Record<string, string> = {};
    for (const e of workflow.edges.filter((x) => x.target === id)) {
      const source = nodeById(workflow, e.source);
      inputs[e.targetInput] =
        source.kind === 'input'
          ? (example.inputs[e.sourceField ?? source.fields[0] ?? ''] ?? '')
          : (nodes[e.source]?.output ?? '');
    }
    if (node.kind === 'input') {
      nodes[id] = { nodeId: id, inputs, output: '' };
    } else if (node.kind === 'llm') {
      const rendered = renderTemplate(node.userTemplate, inputs);
      const response = await model.complete({
        messages: [
          { role: 'system', content: node.systemPrompt },
          { role: 'user', content: rendered },
        ],
        temperature: 0,
        meta: { purpose: 'forward', nodeId: id, exampleId: example.id },
      });
      nodes[id] = { nodeId: id, inputs, rendered, output: response.text };
    } else if (node.kind === 'output') {
      const value = Object.values(inputs)[0] ?? '';
      nodes[id] = { nodeId: id, inputs, output: value };
      outputs[id] = value;
    } else {
      throw new Error(`the test executor does not run code nodes (${id})`);
    }
  }
  return { exampleId: example.id, nodes, outputs };
}

/** The expected value for an output node: the example's `target` or `targets[targetKey]`. */
export function expectedFor(example: Example, targetKey: string): string {
  return targetKey === 'target' ? example.target : (example.targets?.[targetKey] ?? '');
}

/** Exact-match scoring as the workflow's `exact` loss defines it (the fixtures' loss). */
export function exactMatch(workflow: Workflow, output: string, expected: string): boolean {
  const loss = workflow.loss;
  if (loss.kind !== 'exact') throw new Error(`the test executor scores only exact losses (${loss.kind})`);
  const norm = (s: string) => {
    let t = loss.trim ? s.trim() : s;
    if (loss.collapseWhitespace) t = t.replace(/\s+/g, ' ');
    if (loss.stripPunctuation) t = t.replace(/[\p{P}]/gu, '');
    return loss.caseSensitive ? t : t.toLowerCase();
  };
  return norm(output) === norm(expected);
}

/** Share of output nodes answered correctly for one run, in [0, 1]. */
export function scoreRun(workflow: Workflow, example: Example, run: WorkflowRun): number {
  const outs = workflow.nodes.filter((n) => n.kind === 'output');
  const right = outs.filter((n) =>
    exactMatch(workflow, run.outputs[n.id] ?? '', expectedFor(example, n.targetKey)),
  );
  return outs.length === 0 ? 0 : right.length / outs.length;
}

/** Mean score over `examples`, with every run kept for inspection. */
export async function scoreWorkflow(workflow: Workflow, examples: readonly Example[], model: ChatModel) {
  const runs: WorkflowRun[] = [];
  let total = 0;
  for (const example of examples) {
    const run = await runWorkflow(workflow, example, model);
    runs.push(run);
    total += scoreRun(workflow, example, run);
  }
  return { score: examples.length === 0 ? 0 : total / examples.length, runs };
}
