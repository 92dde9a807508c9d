import { toTaskNode } from '../../backward/walk';
import type { RunContext } from '../../context';
import { applyClaimEdits, joinClaims, splitClaims } from '../../optim/update/claims';
import type { UpdateInput, UpdateOutcome } from '../../optim/update/types';
import { askStructured } from '../../prompts/ask';
import { moduleSet as gtbpModuleSet } from './backward';
import { buildGtbpEditPrompt } from './prompts';
import { gtbpEditBudget } from './schedule';
import { gtbpEditAnswerSchema } from './tasks';

/**
 * GTBP's stage-wise local update: the prompt is split into claims, one call asks for structured
 * edits from the node's module set S_v = {(input, output, target)}, and the code enforces the
 * decaying edit budget (excess edits are dropped and recorded). A prompt with no applied edit is
 * returned unchanged, byte for byte.
 */
export async function gtbpUpdate(ctx: RunContext, input: UpdateInput): Promise<UpdateOutcome> {
  const { node, iteration, settings } = input;
  const claims = splitClaims(node.systemPrompt);
  // The no-budget ablation: every claim may change and one may be added, at every step.
  const budget = settings.ablations.gtbpNoBudget
    ? { maxEdits: claims.length, mayAdd: true }
    : gtbpEditBudget(settings.gtbp, iteration, input.lastAddIteration);
  const moduleSet = gtbpModuleSet(node.id, input.batch, input.targets);
  const prompt = buildGtbpEditPrompt({ node: toTaskNode(node), claims, moduleSet, budget });
  const answer = await askStructured(ctx, prompt, gtbpEditAnswerSchema, {
    purpose: 'update',
    nodeId: node.id,
    callKey: `${input.callKeyPrefix}/edit`,
  });
  if (!answer.ok) return { ok: false, nodeId: node.id, error: answer.error, callIds: answer.callIds };
  const result = applyClaimEdits(claims, answer.value.edits, budget);
  const proposedPrompt = result.applied.length === 0 ? node.systemPrompt : joinClaims(result.claims);
  return {
    ok: true,
    proposal: {
      nodeId: node.id,
      currentPrompt: node.systemPrompt,
      proposedPrompt,
      reasoning: answer.value.reasoning,
      claimEdits: {
        budget,
        claimsBefore: claims,
        claimsAfter: result.claims,
        applied: result.applied,
        dropped: result.dropped,
        added: result.added,
      },
      templateIds: [prompt.templateId],
      callIds: answer.callIds,
    },
  };
}
