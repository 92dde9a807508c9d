import type { BackwardNodeArgs } from '../../backward/rule';
import {
  collectOutcomes,
  emptyResult,
  entryFor,
  gradientSignal,
  noOutputFailure,
  type StepOutcome,
} from '../../backward/support';
import type { BackwardNodeResult } from '../../backward/types';
import { nodeOutput, receivedMessages, stepPredecessors, taskInputs, toTaskNode } from '../../backward/walk';
import type { RunContext } from '../../context';
import type { GraphIndex } from '../../graph/topology';
import { readsExample } from '../../nodes/registry';
import { maskedUserMessage } from '../textgrad/backward';
import { askSembpGradient } from './backward';
import { buildSembpGradientPrompt } from './prompts';

/**
 * Semantic backprop without sibling information (`ablations.sembpNoSiblings`; the reference
 * code's `--no_include_sibling`, whose `fdbk_prompt_no_sibling` asks about one hint at a time):
 * ONE call per (node, step predecessor) per example instead of one joint call. Each call shows
 * only that predecessor's output among the step inputs (the others stay `{{name}}` placeholders in
 * the rendered message; dataset fields are shown), w's output and the messages w received, so no
 * message can condition on a sibling. Messages carry no sibling outputs.
 */
export async function semanticStepWithoutSiblings(
  ctx: RunContext,
  input: BackwardNodeArgs,
  index: GraphIndex,
  variant: 'target' | 'comment',
  asComment: (message: string) => string,
): Promise<BackwardNodeResult> {
  const result = emptyResult(input.nodeId);
  const preds = stepPredecessors(index, input.nodeId);
  if (preds.length === 0) return result;
  const node = toTaskNode(index.nodeById.get(input.nodeId)!);
  const perEx = await Promise.all(
    input.batch.map(async ({ example, trace }): Promise<StepOutcome[]> => {
      const messages = receivedMessages(input.received, example.id);
      if (messages.length === 0) return [];
      const output = nodeOutput(trace, input.nodeId);
      if (output === undefined) return [{ failure: noOutputFailure(input.nodeId, example.id), callIds: [] }];
      const all = taskInputs(index, input.nodeId, trace);
      return Promise.all(
        preds.map(async (pred): Promise<StepOutcome> => {
          // The example's fields stay (they are the question); of the step inputs, only this one.
          const inputs = all.filter((i) => i.id === pred || readsExample(i.kind));
          const prompt = buildSembpGradientPrompt({
            variant,
            node,
            example: { id: example.id, inputs: example.inputs },
            inputs,
            renderedUserMessage: maskedUserMessage(index, input.nodeId, trace, pred),
            output,
            messages,
          });
          const asked = { exampleId: example.id, preds: [pred], inputs, inputId: pred };
          const answer = await askSembpGradient(ctx, input, prompt, asked);
          if (!answer.ok) return { failure: answer.failure, callIds: answer.callIds };
          const entry = entryFor(answer.value.inputs, pred, inputs)!;
          const signal = gradientSignal({
            variant,
            pred,
            exampleId: example.id,
            fromNodeId: input.nodeId,
            entry,
            comment: asComment,
            siblingOutputs: {},
            callId: answer.callId,
          });
          return { signals: [signal], callIds: answer.callIds };
        }),
      );
    }),
  );
  result.emitted.push(...collectOutcomes(result, perEx.flat()));
  return result;
}
