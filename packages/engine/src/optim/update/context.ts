import type { BackwardExample, BackwardSignal } from '../../backward/types';
import { nodeOutput, renderedUserMessage, taskMessageOf } from '../../backward/walk';
import type { LlmNode } from '../../graph/schema';
import type { AskResult } from '../../prompts/ask';
import type { PromptAnswer } from '../../prompts/task-parts';
import type { UpdateOutcome, UpdateProposal } from './types';

/**
 * Per back-propagated example that reached the node: the user message it was sent, its output,
 * and the non-empty messages it received on that example (concatenated, never summarised).
 */
export function examplesForNode(
  batch: readonly BackwardExample[],
  nodeId: string,
  received: readonly BackwardSignal[],
) {
  return batch
    .filter((item) => item.trace.nodes[nodeId]?.status === 'ok')
    .map((item) => ({
      exampleId: item.example.id,
      input: renderedUserMessage(item.trace, nodeId),
      output: nodeOutput(item.trace, nodeId) ?? '',
      messages: received
        .filter((s) => s.exampleId === item.example.id && s.text.trim() !== '')
        .map(taskMessageOf),
    }));
}

/**
 * The outcome of an update whose last call asked for a whole new prompt (`promptAnswerSchema`:
 * semantic backprop's rewrite, TextGrad's descent step): the proposal, or the failure. `record`
 * holds every call the update made (earlier ones first), its templates, and what the algorithm
 * records beside the prompt (semantic backprop's critique).
 */
export function rewriteOutcome(
  node: LlmNode,
  answer: AskResult<PromptAnswer>,
  record: Pick<UpdateProposal, 'critique' | 'templateIds' | 'callIds'>,
): UpdateOutcome {
  const { templateIds, callIds, ...extra } = record;
  if (!answer.ok) return { ok: false, nodeId: node.id, error: answer.error, callIds };
  return {
    ok: true,
    proposal: {
      nodeId: node.id,
      currentPrompt: node.systemPrompt,
      proposedPrompt: answer.value.prompt,
      reasoning: answer.value.reasoning,
      ...extra,
      templateIds,
      callIds,
    },
  };
}
