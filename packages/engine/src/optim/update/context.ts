import type { BackwardSignal } from '../../backward/types';
import { nodeOutput, renderedUserMessage } from '../../backward/walk';
import type { TaskMessage } from '../../prompts/tasks';
import type { BatchItem } from '../parts';

export { toTaskNode as taskNodeOf } from '../../backward/walk';

/** A received signal as a task message (provenance kept: who sent it). */
export function taskMessageOf(signal: BackwardSignal): TaskMessage {
  return signal.suggestedValue === undefined
    ? { from: signal.fromNodeId, text: signal.text }
    : { from: signal.fromNodeId, text: signal.text, suggestedValue: signal.suggestedValue };
}

/**
 * Per back-propagated example that reached the node: the user message it was sent, its output,
 * and the non-empty messages it received on that example (concatenated, never summarised).
 */
export function examplesForNode(
  batch: readonly BatchItem[],
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
