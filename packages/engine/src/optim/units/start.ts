import { sampleErrorBatch } from '../../backward/error-batch';
import { createRng, sample } from '../../util/random';
import { paperProtocol } from '../protocol';
import type { IterationScratch, SessionState } from '../state';
import { eventBase, examplesByIds, iterationKey, scratchOf, type UnitEnv, type UnitEvents } from './env';
import { type Evaluation, evaluate, meanScore, scoreAll } from './evaluate';
import { stopEvents } from './stop';

/** Baseline: score the starting workflow on the validation split (iteration 0). */
export async function baselineUnit(env: UnitEnv): Promise<UnitEvents> {
  const { state } = env;
  const result = await evaluate(env, state.workflow, state.val, 'base/val');
  const events: UnitEvents = [baselineScored(state, result)];
  if (state.settings.earlyStop && result.mean >= 1) return [...events, ...stopEvents(state, 'earlyStop')];
  state.iteration = 1;
  state.phase = { kind: 'forward' };
  return events;
}

/**
 * Records the starting workflow's validation score (iteration 0) in the state and as the
 * `validationScored` event every optimizer's baseline emits.
 */
export function baselineScored(state: SessionState, result: Evaluation): UnitEvents[number] {
  state.valScore = { revision: state.revision, score: result.mean };
  return {
    type: 'validationScored',
    ...eventBase(state, 0),
    reason: 'baseline',
    score: result.mean,
    scores: result.scores,
  };
}

/** Forward: draw this iteration's minibatch (seeded) and run the current workflow on it. */
export async function forwardUnit(env: UnitEnv): Promise<UnitEvents> {
  const { state } = env;
  const rng = createRng(state.rng);
  const all = state.train.map((e) => e.id);
  // The paper protocol forwards the whole training split, in order, with no draw.
  const ids = paperProtocol(state.settings) ? all : sample(rng, all, state.settings.batchSize);
  const traces = await env.parts.runForward(env.ctx, {
    workflow: state.workflow,
    examples: examplesByIds(state.train, ids),
    callKeyPrefix: `${iterationKey(state)}/fwd`,
    ...(env.onForwardEvent ? { onEvent: env.onForwardEvent } : {}),
  });
  state.rng = rng.state();
  state.scratch = emptyScratch(ids, traces);
  state.phase = { kind: 'loss' };
  return [{ type: 'forwardDone', ...eventBase(state), exampleIds: ids, traces }];
}

/**
 * Loss: score the minibatch and draw the error batch (seeded) from it. Scores carried over with
 * reused predictions (paper protocol, `carryPredictions`) are not computed again.
 */
export async function lossUnit(env: UnitEnv): Promise<UnitEvents> {
  const { state } = env;
  const scratch = scratchOf(state);
  const examples = examplesByIds(state.train, scratch.minibatch);
  const scores =
    scratch.scores.length === examples.length && examples.length > 0
      ? scratch.scores
      : await scoreAll(
          env.ctx,
          env.parts,
          state.workflow,
          examples,
          scratch.traces,
          `${iterationKey(state)}/loss`,
        );
  const { passThreshold, invertOnlyFailing, errorBatchSize } = state.settings;
  const rng = createRng(state.rng);
  const drawn = invertOnlyFailing
    ? sampleErrorBatch(scores, errorBatchSize, rng, { passThreshold })
    : sample(rng, scores, errorBatchSize);
  const errorBatch = drawn.map((s) => s.exampleId);
  state.rng = rng.state();
  scratch.scores = scores;
  scratch.trainScore = meanScore(scores);
  scratch.errorBatch = errorBatch;
  state.phase = errorBatch.length > 0 ? { kind: 'seed' } : { kind: 'iterationEnd' };
  return [{ type: 'lossComputed', ...eventBase(state), scores, meanScore: scratch.trainScore, errorBatch }];
}

/**
 * Paper protocol, at an iteration's end: when the scratch holds the predictions (traces and
 * scores) of the prompts now in force on the whole training split, the next iteration starts from
 * them at its loss unit instead of running them again (the reference's `preds_list[-1]`). Returns
 * the next iteration's `forwardDone` event, or null when a forward pass is needed.
 */
export function carryPredictions(state: SessionState): UnitEvents | null {
  const scratch = state.scratch;
  if (!paperProtocol(state.settings) || !scratch) return null;
  const ids = state.train.map((e) => e.id);
  const complete =
    scratch.traces.length === ids.length &&
    scratch.scores.length === ids.length &&
    scratch.minibatch.every((id, i) => id === ids[i]);
  if (!complete) return null;
  const next = emptyScratch(ids, scratch.traces);
  next.scores = scratch.scores;
  state.scratch = next;
  state.phase = { kind: 'loss' };
  return [{ type: 'forwardDone', ...eventBase(state), exampleIds: ids, traces: next.traces }];
}

/** Paper protocol: the gate accepted prompts with no evaluation, so no predictions carry over. */
export function dropPredictions(scratch: IterationScratch): void {
  scratch.traces = [];
  scratch.scores = [];
}

function emptyScratch(minibatch: string[], traces: IterationScratch['traces']): IterationScratch {
  return {
    minibatch,
    traces,
    scores: [],
    trainScore: 0,
    errorBatch: [],
    signals: [],
    failures: [],
    targets: {},
    backwardOrder: [],
    updateNodes: [],
    blame: {},
    proposals: {},
    updateFailures: {},
    decisions: {},
    accepted: [],
    gateBaseline: null,
  };
}
