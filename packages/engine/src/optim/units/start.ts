import { sampleErrorBatch } from '../../backward/error-batch';
import { createRng, sample } from '../../util/random';
import type { IterationScratch } from '../state';
import { eventBase, examplesByIds, iterationKey, scratchOf, type UnitEnv, type UnitEvents } from './env';
import { evaluate, meanScore, scoreAll } from './evaluate';
import { stopEvents } from './stop';

/** Baseline: score the starting workflow on the validation split (iteration 0). */
export async function baselineUnit(env: UnitEnv): Promise<UnitEvents> {
  const { state } = env;
  const result = await evaluate(
    env.ctx,
    env.parts,
    state.workflow,
    state.val,
    'base/val',
    env.onForwardEvent,
  );
  state.valScore = { revision: state.revision, score: result.mean };
  const events: UnitEvents = [
    {
      type: 'validationScored',
      ...eventBase(state, 0),
      reason: 'baseline',
      score: result.mean,
      scores: result.scores,
    },
  ];
  if (state.settings.earlyStop && result.mean >= 1) return [...events, ...stopEvents(state, 'earlyStop')];
  state.iteration = 1;
  state.phase = { kind: 'forward' };
  return events;
}

/** Forward: draw this iteration's minibatch (seeded) and run the current workflow on it. */
export async function forwardUnit(env: UnitEnv): Promise<UnitEvents> {
  const { state } = env;
  const rng = createRng(state.rng);
  const ids = sample(
    rng,
    state.train.map((e) => e.id),
    state.settings.batchSize,
  );
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

/** Loss: score the minibatch and draw the error batch (seeded) from it. */
export async function lossUnit(env: UnitEnv): Promise<UnitEvents> {
  const { state } = env;
  const scratch = scratchOf(state);
  const examples = examplesByIds(state.train, scratch.minibatch);
  const scores = await scoreAll(
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
