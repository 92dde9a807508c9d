import { toTaskNode } from '../../backward/walk';
import type { RunContext } from '../../context';
import { examplesForNode, rewriteOutcome } from '../../optim/update/context';
import type { UpdateInput, UpdateOutcome } from '../../optim/update/types';
import { askStructured } from '../../prompts/ask';
import { promptAnswerSchema } from '../../prompts/task-parts';
import { textgradUpdateGradients } from './backward';
import { buildTextgradUpdatePrompt } from './prompts';

/**
 * TextGrad's textual gradient descent step: one call per parameter (a node's system prompt) with
 * its role, its value and every gradient it received, each with the conversation it came from
 * (the node's input and output on that example). Values are passed whole, never cut to their
 * first and last words (a defect of the public code we do not reproduce).
 */
export async function textgradUpdate(ctx: RunContext, input: UpdateInput): Promise<UpdateOutcome> {
  const { node } = input;
  // TGD consumes the gradients on the parameter itself (`about: "prompt"`), each with the
  // conversation it was computed in; the criticism of the node's output stands in when the
  // backward rule produced none (e.g. a rule without parameter gradients).
  const onPrompt = input.received.filter((s) => s.about === 'prompt');
  const gradients =
    onPrompt.length > 0
      ? textgradUpdateGradients(node.id, input.batch, onPrompt)
      : examplesForNode(input.batch, node.id, input.received).map((e) => ({
          exampleId: e.exampleId,
          input: e.input,
          output: e.output,
          feedback: e.messages,
        }));
  const prompt = buildTextgradUpdatePrompt({ node: toTaskNode(node), gradients });
  const answer = await askStructured(ctx, prompt, promptAnswerSchema, {
    purpose: 'update',
    nodeId: node.id,
    callKey: `${input.callKeyPrefix}/tgd`,
  });
  return rewriteOutcome(node, answer, { templateIds: [prompt.templateId], callIds: answer.callIds });
}
