import type { RunContext } from '../../context';
import type { BackwardRuleLike } from '../../optim/parts';
import { signalsAbout, type WalkScratch, walkNode, walkSeed } from '../../optim/units/backward';
import type { BackwardSeedArgs } from '../rule';
import type { BackwardNodeResult, BackwardSignal } from '../types';
import { backwardOrder } from '../walk';

/** Everything one backward pass produced, as the tests read it. */
export interface WalkPass {
  /** The loss's messages at the output nodes. */
  seeds: BackwardSignal[];
  /** One result per visited node, in visit order. */
  nodes: BackwardNodeResult[];
  /** Seeds plus every message about a node's output: what `computeBlame` reads. */
  signals: BackwardSignal[];
  /** TextGrad's gradients on the nodes' own prompts. */
  promptSignals: BackwardSignal[];
  /** Per node, its target per example (GTBP). */
  targets: WalkScratch['targets'];
  failures: WalkScratch['failures'];
  callIds: string[];
}

/**
 * One whole backward pass through the session's own walk steps (`walkSeed`, then `walkNode` at
 * every node in {@link backwardOrder}, as the seed and backward units run them), without the rest
 * of a session around it. Every call key starts with `args.callKeyPrefix` (the session prefixes
 * each unit's calls with its own).
 */
export async function runWalk(
  ctx: RunContext,
  rule: BackwardRuleLike,
  args: BackwardSeedArgs,
): Promise<WalkPass> {
  const walk: WalkScratch = { signals: [], failures: [], targets: {}, backwardOrder: [] };
  const seed = await walkSeed(ctx, rule, args, walk, backwardOrder(args.workflow));
  const nodes: BackwardNodeResult[] = [];
  for (const nodeId of walk.backwardOrder) {
    const input = {
      workflow: args.workflow,
      nodeId,
      batch: args.batch,
      received: signalsAbout(walk.signals, nodeId),
      callKeyPrefix: args.callKeyPrefix,
    };
    nodes.push(await walkNode(ctx, rule, input, walk));
  }
  return {
    seeds: seed.signals,
    nodes,
    signals: walk.signals.filter((s) => s.about !== 'prompt'),
    promptSignals: walk.signals.filter((s) => s.about === 'prompt'),
    targets: walk.targets,
    failures: walk.failures,
    callIds: [...seed.callIds, ...nodes.flatMap((n) => n.callIds)],
  };
}
