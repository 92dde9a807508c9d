import { type AlgorithmName, algorithmDefinition } from '../algorithms/registry';
import { stepPredecessors } from '../backward/walk';
import type { Workflow } from '../graph/schema';
import { buildGraphIndex, descendants, type GraphIndex, successors } from '../graph/topology';
import { callsModel, isAnswerNode, isStepKind, isTrainable } from '../nodes/registry';
import type { SessionSettings } from './settings';

/**
 * The documented call-count formulas (docs/algorithms.md, "Optimization"), per unit of work. Symbols:
 * L = llm nodes (forward calls per example), O = output nodes, J = 1 when the loss is an LLM judge,
 * b = examples back-propagated, and for a node v: inPreds(v) = its llm/code predecessors (dataset
 * fields cannot be changed, so they get no message), succ(v) = its successors.
 */
export interface GraphCounts {
  llmNodes: number;
  outputs: number;
  judge: boolean;
  /** Trainable llm nodes (N). */
  trainable: number;
}

/** Counts the formula symbols of a workflow. */
export function graphCounts(workflow: Workflow): GraphCounts {
  return {
    llmNodes: workflow.nodes.filter(callsModel).length,
    outputs: workflow.nodes.filter(isAnswerNode).length,
    judge: workflow.loss.kind === 'judge',
    trainable: workflow.nodes.filter(isTrainable).length,
  };
}

/** Forward plus scoring of `examples` examples: examples·L, plus examples·O judge calls. */
export function evaluationCalls(counts: GraphCounts, examples: number): number {
  return examples * counts.llmNodes + (counts.judge ? examples * counts.outputs : 0);
}

/**
 * Backward calls at a step v (an llm or code node) for b examples that brought it a message, by
 * the algorithm's formula (`calls.backwardStep` of its definition in algorithms/<name>/):
 * - sembp: b when v has at least one llm/code predecessor (one joint call per example);
 * - textgrad: b·(inPreds(v) + t(v)): one per llm/code predecessor plus, for a trainable llm
 *   node (t = 1), one for the gradient on its own prompt;
 * - gtbp: at most b inversions plus at most b reconciliations (an upper bound).
 * Input and output nodes make no call (an output relays the seed to its predecessor).
 */
export function backwardNodeCalls(
  algorithm: AlgorithmName,
  workflow: Workflow,
  nodeId: string,
  b: number,
  /** The workflow's graph index, when the caller asks for many nodes of the same workflow. */
  index: GraphIndex = buildGraphIndex(workflow),
): number {
  const node = index.nodeById.get(nodeId);
  if (!node || !isStepKind(node.kind)) return 0;
  const inPreds = stepPredecessors(index, nodeId).length;
  return algorithmDefinition(algorithm).calls.backwardStep(
    {
      inPreds,
      successors: successors(index, nodeId).length,
      trainableLlm: isTrainable(node),
    },
    b,
  );
}

/**
 * Whether a session checks proposals counterfactually: the setting `counterfactual` ("on", "off",
 * or "auto" = absent), where "auto" means on when the simulator answers (its calls cost nothing)
 * and off against a real model (the check costs calls; turn it on to pay for the evidence).
 */
export function counterfactualOn(settings: SessionSettings, simulated: boolean): boolean {
  const mode = settings.counterfactual ?? 'auto';
  return mode === 'on' || (mode === 'auto' && simulated);
}

/** The node and every node downstream of it: what a counterfactual check runs again. */
export function downstreamOf(workflow: Workflow, nodeId: string): Set<string> {
  return new Set([nodeId, ...descendants(buildGraphIndex(workflow), nodeId)]);
}

/**
 * Calls of one node's check on `b` examples: b · (llm nodes in the node's downstream subgraph),
 * plus b · O judge calls when the loss is an LLM judge. An upper bound: an example whose trace
 * failed upstream of the node makes none.
 */
export function counterfactualCalls(workflow: Workflow, nodeId: string, b: number): number {
  const down = downstreamOf(workflow, nodeId);
  const llm = workflow.nodes.filter((n) => callsModel(n) && down.has(n.id)).length;
  return evaluationCalls({ ...graphCounts(workflow), llmNodes: llm }, b);
}
