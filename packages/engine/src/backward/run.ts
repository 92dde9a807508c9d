import type { RunContext } from '../context';
import { buildGraphIndex } from '../graph/topology';
import type { BackwardRule, BackwardSeedArgs } from './rule';
import type { BackwardFailure, BackwardNodeResult, BackwardSignal } from './types';
import { assertSuccessorsDelivered, backwardOrder } from './walk';

/** Everything one backward pass produced, in visit order. */
export interface BackwardPassResult {
  /** The loss's messages at the output nodes. */
  seeds: BackwardSignal[];
  /** One result per visited node, in visit order. */
  nodes: BackwardNodeResult[];
  /** Seeds plus every emitted signal: what `computeBlame` reads. */
  signals: BackwardSignal[];
  /** TextGrad's gradients on the nodes' own prompts. */
  promptSignals: BackwardSignal[];
  /** GTBP: per node, its target per example. */
  targets: Record<string, Record<string, string>>;
  failures: BackwardFailure[];
  callIds: string[];
}

/**
 * One whole backward pass: the rule's seed, then `backwardNode` at every node in
 * {@link backwardOrder}, each given every signal its successors delivered about it. A session
 * that steps node by node does the same with these pieces; this is the reference driver (and the
 * one the tests use). The walk asserts that no node runs before all its successors delivered.
 */
export async function runBackwardPass(
  ctx: RunContext,
  rule: BackwardRule,
  args: BackwardSeedArgs,
): Promise<BackwardPassResult> {
  const index = buildGraphIndex(args.workflow);
  const seed = await rule.seed(ctx, args);
  const pass: BackwardPassResult = {
    seeds: seed.signals,
    nodes: [],
    signals: [...seed.signals],
    promptSignals: [],
    targets: {},
    failures: [...seed.failures],
    callIds: [...seed.callIds],
  };
  const delivered = new Set<string>();
  const batch = args.batch.map(({ example, trace }) => ({ example, trace }));
  for (const nodeId of backwardOrder(args.workflow)) {
    ctx.signal?.throwIfAborted();
    assertSuccessorsDelivered(index, nodeId, delivered);
    const received = pass.signals.filter((s) => s.nodeId === nodeId && s.about !== 'prompt');
    const result = await rule.backwardNode(ctx, {
      workflow: args.workflow,
      nodeId,
      batch,
      received,
      callKeyPrefix: args.callKeyPrefix,
    });
    delivered.add(nodeId);
    pass.nodes.push(result);
    pass.signals.push(...result.emitted);
    pass.promptSignals.push(...(result.promptSignals ?? []));
    if (result.targets) pass.targets[nodeId] = result.targets;
    pass.failures.push(...result.failures);
    pass.callIds.push(...result.callIds);
  }
  return pass;
}
