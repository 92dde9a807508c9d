import { blameEvidence } from '../../backward/blame';
import type { BackwardSeedResult } from '../../backward/rule';
import type { BackwardExample, BackwardNodeResult, BackwardSignal } from '../../backward/types';
import { assertSuccessorsDelivered } from '../../backward/walk';
import type { RunContext } from '../../context';
import { buildGraphIndex } from '../../graph/topology';
import { isTrainable } from '../../nodes/registry';
import type { BackwardRuleLike } from '../parts';
import type { IterationScratch, SessionState } from '../state';
import {
  eventBase,
  examplesByIds,
  iterationKey,
  ruleOf,
  scratchOf,
  type UnitEnv,
  type UnitEvents,
} from './env';

/** The error batch with traces and scores, in error-batch order. */
export function errorBatchItems(state: SessionState, scratch: IterationScratch): BackwardExample[] {
  const examples = examplesByIds(state.train, scratch.errorBatch);
  return examples.map((example) => {
    const i = scratch.minibatch.indexOf(example.id);
    const trace = scratch.traces[i];
    const score = scratch.scores[i];
    if (!trace || !score) throw new Error(`no trace or score for example "${example.id}"`);
    return { example, trace, score };
  });
}

/** What the rule is given at one node (the batch carries the examples' scores). */
export type WalkNodeArgs = Parameters<BackwardRuleLike['backwardNode']>[1];

/**
 * What the walk keeps between its steps (a part of the iteration's scratch): every signal so far,
 * the failures, GTBP's targets per node, and the visit order.
 */
export type WalkScratch = Pick<IterationScratch, 'signals' | 'failures' | 'targets' | 'backwardOrder'>;

/**
 * The walk's first step: the rule's seed at the output nodes, recorded in `walk` with the order
 * the later steps visit the nodes in. Writes only after its await (see UnitEnv).
 */
export async function walkSeed(
  ctx: RunContext,
  rule: BackwardRuleLike,
  args: Parameters<BackwardRuleLike['seed']>[1],
  walk: WalkScratch,
  order: string[],
): Promise<BackwardSeedResult> {
  const result = await rule.seed(ctx, args);
  walk.signals = [...result.signals];
  walk.failures = [...result.failures];
  walk.backwardOrder = order;
  return result;
}

/**
 * One step of the walk: the rule at `input.nodeId`, given every signal its successors delivered
 * about it, its messages and targets recorded in `walk`. Refuses a node whose successors have not
 * all run (the order of `walk.backwardOrder` guarantees they have).
 */
export async function walkNode(
  ctx: RunContext,
  rule: BackwardRuleLike,
  input: WalkNodeArgs,
  walk: WalkScratch,
): Promise<BackwardNodeResult> {
  const done = walk.backwardOrder.slice(0, walk.backwardOrder.indexOf(input.nodeId));
  assertSuccessorsDelivered(buildGraphIndex(input.workflow), input.nodeId, new Set(done));
  const result = await rule.backwardNode(ctx, input);
  walk.signals.push(...result.emitted, ...(result.promptSignals ?? []));
  walk.failures.push(...result.failures);
  const targets = result.targets ?? targetsFromSignals(input.received);
  if (Object.keys(targets).length > 0) walk.targets[input.nodeId] = targets;
  return result;
}

/** Seed: the algorithm's message at each output node, for every error-batch example. */
export async function seedUnit(env: UnitEnv): Promise<UnitEvents> {
  const { state } = env;
  const scratch = scratchOf(state);
  const args = {
    workflow: state.workflow,
    batch: errorBatchItems(state, scratch),
    callKeyPrefix: `${iterationKey(state)}/seed`,
  };
  const result = await walkSeed(env.ctx, ruleOf(env), args, scratch, env.parts.backwardOrder(state.workflow));
  const events: UnitEvents = [{ type: 'backwardSeeded', ...eventBase(state), ...result }];
  if (scratch.backwardOrder.length === 0) return [...events, ...finishBackward(env, scratch)];
  state.phase = { kind: 'backward', index: 0 };
  return events;
}

/** Backward at one node (the walk's order guarantees every successor has delivered). */
export async function backwardUnit(env: UnitEnv, index: number): Promise<UnitEvents> {
  const { state } = env;
  const scratch = scratchOf(state);
  const nodeId = scratch.backwardOrder[index];
  if (nodeId === undefined) throw new Error(`backward step ${index} is past the walk's end`);
  const input = backwardNodeInput(state, scratch, nodeId);
  const { received } = input;
  const result = await walkNode(env.ctx, ruleOf(env), input, scratch);
  const events: UnitEvents = [
    {
      type: 'backwardNode',
      ...eventBase(state),
      nodeId,
      received,
      emitted: result.emitted,
      ...(result.promptSignals ? { promptSignals: result.promptSignals } : {}),
      ...(result.targets ? { targets: result.targets } : {}),
      ...(result.targetSources ? { targetSources: result.targetSources } : {}),
      failures: result.failures,
      callIds: result.callIds,
    },
  ];
  if (index + 1 < scratch.backwardOrder.length) {
    state.phase = { kind: 'backward', index: index + 1 };
    return events;
  }
  return [...events, ...finishBackward(env, scratch)];
}

/**
 * What the backward rule at `nodeId` is given: a function of the state alone, so the lookahead
 * (lookahead.ts) can start the same calls early, before the unit itself runs.
 */
export function backwardNodeInput(
  state: SessionState,
  scratch: IterationScratch,
  nodeId: string,
): WalkNodeArgs {
  return {
    workflow: state.workflow,
    nodeId,
    batch: errorBatchItems(state, scratch),
    received: signalsAbout(scratch.signals, nodeId),
    callKeyPrefix: `${iterationKey(state)}/bwd/${nodeId}`,
  };
}

/**
 * True when the update phase will visit `nodeId`: a trainable llm node that some signal is about.
 * Final once the node's own backward step has run (later steps only signal about its ancestors).
 */
export function willUpdate(state: SessionState, signals: readonly BackwardSignal[], nodeId: string): boolean {
  const node = state.workflow.nodes.find((n) => n.id === nodeId);
  return isTrainable(node) && signals.some((s) => s.nodeId === nodeId);
}

/** Every signal about `nodeId` (its output, and for TextGrad its prompt), in delivery order. */
export function signalsAbout(signals: readonly BackwardSignal[], nodeId: string): BackwardSignal[] {
  return signals.filter((s) => s.nodeId === nodeId);
}

/** GTBP targets carried by signals when the rule returned none (one successor: its target). */
function targetsFromSignals(received: readonly BackwardSignal[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of received) {
    if (s.kind === 'target' && s.about !== 'prompt') out[s.exampleId] = s.suggestedValue ?? s.text;
  }
  return out;
}

/** After the last node: blame per node, and the nodes the update phase will visit. */
function finishBackward(env: UnitEnv, scratch: IterationScratch): UnitEvents {
  const { state } = env;
  const batch = errorBatchItems(state, scratch);
  scratch.blame = env.parts.computeBlame(
    state.settings.algorithm,
    state.workflow,
    scratch.signals,
    scratch.targets,
    batch,
  );
  const topo = [...scratch.backwardOrder].reverse();
  scratch.updateNodes = topo.filter((id) => willUpdate(state, scratch.signals, id));
  state.phase = scratch.updateNodes.length > 0 ? { kind: 'update', index: 0 } : { kind: 'iterationEnd' };
  const { algorithm } = state.settings;
  const evidence = blameEvidence(algorithm, state.workflow, scratch.signals, scratch.targets, batch);
  return [{ type: 'blameComputed', ...eventBase(state), blame: scratch.blame, evidence }];
}
