import { toTaskNode } from '../../backward/walk';
import type { RunContext } from '../../context';
import { examplesForNode, rewriteOutcome } from '../../optim/update/context';
import type { UpdateInput, UpdateOutcome } from '../../optim/update/types';
import { askStructured } from '../../prompts/ask';
import { promptAnswerSchema } from '../../prompts/task-parts';
import { buildSembpCritiquePrompt, buildSembpUpdatePrompt } from './prompts';
import { sembpCritiqueAnswerSchema } from './tasks';

/**
 * Semantic backpropagation's update (Wang et al.): one optimizer call with the current prompt and,
 * per back-propagated example, (input, own output, messages received); it returns the whole new
 * prompt. The "critique" variant first asks for pros and cons, then rewrites with them: 2 calls.
 */
export async function sembpUpdate(ctx: RunContext, input: UpdateInput): Promise<UpdateOutcome> {
  const { node, callKeyPrefix } = input;
  const taskNode = toTaskNode(node);
  const examples = examplesForNode(input.batch, node.id, input.received);
  const callIds: string[] = [];
  const templateIds: string[] = [];
  let critique: { pros: string[]; cons: string[] } | undefined;

  if (input.settings.sembpUpdate === 'critique') {
    const prompt = buildSembpCritiquePrompt({ node: taskNode, examples });
    templateIds.push(prompt.templateId);
    const answer = await askStructured(ctx, prompt, sembpCritiqueAnswerSchema, {
      purpose: 'update',
      nodeId: node.id,
      callKey: `${callKeyPrefix}/critique`,
    });
    callIds.push(...answer.callIds);
    if (!answer.ok) return { ok: false, nodeId: node.id, error: `critique: ${answer.error}`, callIds };
    critique = answer.value;
  }

  const prompt = buildSembpUpdatePrompt({ node: taskNode, examples, critique });
  templateIds.push(prompt.templateId);
  const answer = await askStructured(ctx, prompt, promptAnswerSchema, {
    purpose: 'update',
    nodeId: node.id,
    callKey: `${callKeyPrefix}/rewrite`,
  });
  callIds.push(...answer.callIds);
  return rewriteOutcome(node, answer, { critique, templateIds, callIds });
}
