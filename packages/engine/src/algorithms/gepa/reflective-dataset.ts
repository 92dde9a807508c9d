import { nodeOutput, renderedUserMessage, toTaskNode } from '../../backward/walk';
import type { ExampleTrace } from '../../forward/types';
import type { Workflow } from '../../graph/schema';
import { buildGraphIndex, descendants, predecessors, topologicalOrder } from '../../graph/topology';
import { isAnswerNode, isStepKind } from '../../nodes/registry';
import type { ScoredExample } from '../../optim/parts';
import type { GepaReflectTask, GepaTraceStep } from './tasks';

/**
 * GEPA's reflective dataset for one module (the reference's `make_reflective_dataset`): per
 * minibatch example, the module's input and output, the steps after it down to the outputs, and
 * each downstream output's value, expected value, score and the loss's feedback. Every example of
 * the minibatch is included, passing ones too: they show what to keep. Examples on which the module
 * did not run (an upstream step failed) are left out.
 */
export function reflectiveDataset(
  workflow: Workflow,
  nodeId: string,
  traces: readonly ExampleTrace[],
  scores: readonly ScoredExample[],
): Omit<GepaReflectTask, 'task'> {
  const index = buildGraphIndex(workflow);
  const node = index.nodeById.get(nodeId);
  if (node?.kind !== 'llm') throw new Error(`GEPA reflects on llm nodes; "${nodeId}" is not one`);
  const below = new Set(descendants(index, nodeId));
  const order = topologicalOrder(index).filter((id) => below.has(id));
  const steps = order.filter((id) => isStepKind(index.nodeById.get(id)?.kind));
  const outputs = order.filter((id) => isAnswerNode(index.nodeById.get(id)));
  const examples: GepaReflectTask['examples'] = [];
  for (const trace of traces) {
    if (trace.nodes[nodeId]?.status !== 'ok') continue;
    const score = scores.find((s) => s.exampleId === trace.exampleId);
    const trail: GepaTraceStep[] = [];
    for (const id of steps) {
      const step = index.nodeById.get(id);
      const ran = trace.nodes[id];
      if (!step || (step.kind !== 'llm' && step.kind !== 'code') || ran?.status !== 'ok') continue;
      trail.push({
        nodeId: id,
        kind: step.kind,
        role: step.role,
        instruction: step.kind === 'llm' ? step.systemPrompt : step.code,
        input: step.kind === 'llm' ? renderedUserMessage(trace, id) : JSON.stringify(ran.inputs),
        output: nodeOutput(trace, id) ?? '',
      });
    }
    examples.push({
      exampleId: trace.exampleId,
      input: renderedUserMessage(trace, nodeId),
      output: nodeOutput(trace, nodeId) ?? '',
      trace: trail,
      outputs: outputs.map((id) => {
        const scored = score?.perOutput[id];
        return {
          id,
          from: predecessors(index, id)[0] ?? '',
          value: trace.outputs[id] ?? scored?.actual ?? '',
          expected: scored?.expected ?? '',
          score: scored?.score ?? 0,
          feedback: scored?.feedback ?? '',
        };
      }),
      score: score?.score ?? 0,
    });
  }
  return { node: toTaskNode(node), examples };
}
