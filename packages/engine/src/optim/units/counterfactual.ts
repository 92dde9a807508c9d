/**
 * The counterfactual check of one proposed update (docs/algorithms.md, "Blame"): does the node's
 * proposal ALONE fix the examples it was blamed on? The node and its downstream subgraph run again
 * on the error batch with only that prompt changed; every node upstream keeps the output it had in
 * the iteration's forward pass (no call), so a fix can only come from the proposal. It is the
 * evidence beside a node's blame figure that says whether the credit was right.
 */
import type { NodeTrace } from '../../forward/types';
import type { CounterfactualCheck } from '../../protocol';
import { downstreamOf } from '../call-counts';
import { withPrompts } from '../gate';
import type { IterationScratch, SessionState } from '../state';
import { examplesByIds, iterationKey, type UnitEnv } from './env';
import { scoreAll } from './evaluate';

/** The error-batch examples the iteration's forward pass failed (what a fix would turn to passes). */
function failingErrorBatch(state: SessionState, scratch: IterationScratch): string[] {
  const scores = new Map(scratch.scores.map((s) => [s.exampleId, s.score]));
  return scratch.errorBatch.filter((id) => (scores.get(id) ?? 0) < state.settings.passThreshold);
}

/**
 * Runs the check of `prompt` at `nodeId` on the failing error-batch examples. Calls are keyed under
 * `it<N>/cf/<nodeId>`, so a resumed session replays them.
 */
export async function checkCounterfactual(
  env: UnitEnv,
  scratch: IterationScratch,
  nodeId: string,
  prompt: string,
): Promise<CounterfactualCheck> {
  const { state } = env;
  const checked = failingErrorBatch(state, scratch);
  if (checked.length === 0) return { checked, fixed: [] };
  const down = downstreamOf(state.workflow, nodeId);
  const reuse: Record<string, Record<string, NodeTrace>> = {};
  for (const trace of scratch.traces) {
    const kept: Record<string, NodeTrace> = {};
    for (const [id, t] of Object.entries(trace.nodes)) if (!down.has(id)) kept[id] = t;
    reuse[trace.exampleId] = kept;
  }
  const candidate = withPrompts(state.workflow, { [nodeId]: prompt });
  const examples = examplesByIds(state.train, checked);
  const prefix = `${iterationKey(state)}/cf/${nodeId}`;
  const traces = await env.parts.runForward(env.ctx, {
    workflow: candidate,
    examples,
    callKeyPrefix: prefix,
    reuse,
  });
  const scores = await scoreAll(env.ctx, env.parts, candidate, examples, traces, `${prefix}/loss`);
  const fixed = scores.filter((s) => s.score >= state.settings.passThreshold).map((s) => s.exampleId);
  return { checked, fixed };
}
