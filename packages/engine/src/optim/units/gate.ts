import type { GateDecidedEvent } from '../../protocol';
import { gateAccepts, gateTarget, promptsOf, withPrompts } from '../gate';
import { paperProtocol } from '../protocol';
import type { IterationScratch, SessionState } from '../state';
import { eventBase, examplesByIds, iterationKey, scratchOf, type UnitEnv, type UnitEvents } from './env';
import { evaluate } from './evaluate';
import { dropPredictions } from './start';

/**
 * The candidates the gate weighs, in update order: proposals a person did not reject, with the
 * person's edit where there is one, leaving out those that would not change the prompt.
 */
export function gateCandidates(scratch: IterationScratch): { nodeId: string; prompt: string }[] {
  const out: { nodeId: string; prompt: string }[] = [];
  for (const nodeId of scratch.updateNodes) {
    const proposal = scratch.proposals[nodeId];
    const decision = scratch.decisions[nodeId];
    if (!proposal || decision?.action === 'reject') continue;
    const prompt =
      decision?.action === 'edit' && decision.prompt !== undefined
        ? decision.prompt
        : proposal.proposedPrompt;
    if (prompt !== proposal.currentPrompt) out.push({ nodeId, prompt });
  }
  return out;
}

/**
 * Gate: scope "full" weighs every candidate at once (one unit); scope "perNode" weighs candidate
 * `index` on top of what was accepted before it (one unit per candidate).
 */
export async function gateUnit(env: UnitEnv, index: number): Promise<UnitEvents> {
  const { state } = env;
  const scratch = scratchOf(state);
  const { gate } = state.settings;
  const all = gateCandidates(scratch);
  const covered = gate.scope === 'full' ? all : all.slice(index, index + 1);
  const prompts = Object.fromEntries(covered.map((c) => [c.nodeId, c.prompt]));
  const on = gateTarget(state.settings, state.val.length);
  const base = { ...eventBase(state), policy: gate.policy, scope: gate.scope, on };
  const hasNext = gate.scope === 'perNode' && index + 1 < all.length;

  let decided: GateDecidedEvent;
  if (covered.length === 0) {
    decided = { type: 'gateDecided', ...base, nodeIds: [], accepted: false, prompts: {} };
  } else if (gate.policy === 'none') {
    accept(state, scratch, prompts, null);
    if (paperProtocol(state.settings)) dropPredictions(scratch);
    decided = { type: 'gateDecided', ...base, nodeIds: Object.keys(prompts), accepted: true, prompts };
  } else {
    const candidate = withPrompts(state.workflow, prompts);
    const examples = on === 'validation' ? state.val : examplesByIds(state.train, scratch.minibatch);
    const key = `${iterationKey(state)}/gate/${index}`;
    const before = await scoreBefore(env, scratch, on, `${key}/current`);
    const evaluation = await evaluate(env, candidate, examples, `${key}/candidate`);
    const after = evaluation.mean;
    const accepted = gateAccepts(gate.policy, before, after);
    if (accepted) accept(state, scratch, prompts, on === 'validation' ? after : null);
    // The paper protocol reuses the accepted prompts' predictions on the whole training split.
    if (accepted && paperProtocol(state.settings)) {
      scratch.traces = evaluation.traces;
      scratch.scores = evaluation.scores;
    }
    scratch.gateBaseline = accepted ? after : before;
    const kept = accepted ? prompts : currentPrompts(state, Object.keys(prompts));
    decided = {
      type: 'gateDecided',
      ...base,
      nodeIds: Object.keys(prompts),
      before,
      after,
      accepted,
      prompts: kept,
    };
  }
  state.phase = hasNext ? { kind: 'gate', index: index + 1 } : { kind: 'iterationEnd' };
  return [decided];
}

/** The score the candidate must beat: the current prompts' score on the gate's examples. */
async function scoreBefore(
  env: UnitEnv,
  scratch: IterationScratch,
  on: 'minibatch' | 'validation',
  callKeyPrefix: string,
): Promise<number> {
  const { state } = env;
  if (scratch.gateBaseline !== null) return scratch.gateBaseline;
  if (on === 'minibatch') return scratch.trainScore;
  if (state.valScore?.revision === state.revision) return state.valScore.score;
  // Unreachable in a normal run (the baseline scores validation); kept so a gate never guesses.
  return (await evaluate(env, state.workflow, state.val, callKeyPrefix)).mean;
}

function accept(
  state: SessionState,
  scratch: IterationScratch,
  prompts: Record<string, string>,
  valScore: number | null,
): void {
  state.workflow = withPrompts(state.workflow, prompts);
  state.revision += 1;
  if (valScore !== null) state.valScore = { revision: state.revision, score: valScore };
  for (const nodeId of Object.keys(prompts)) {
    scratch.accepted.push(nodeId);
    const edits = scratch.proposals[nodeId]?.claimEdits;
    if (edits?.added && scratch.decisions[nodeId]?.action !== 'edit')
      state.lastClaimAdd[nodeId] = state.iteration;
  }
}

function currentPrompts(state: SessionState, nodeIds: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(promptsOf(state.workflow)).filter(([id]) => nodeIds.includes(id)));
}
