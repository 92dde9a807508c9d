import { promptsOf } from '../gate';
import { eventBase, iterationKey, scratchOf, type UnitEnv, type UnitEvents } from './env';
import { evaluate } from './evaluate';
import { carryPredictions } from './start';
import { stopEvents } from './stop';

/**
 * Iteration end: score validation with the prompts now in force (unless the gate already did),
 * record the iteration, then stop early at a perfect validation score, stop after the last
 * iteration, or move on to the next one.
 */
export async function iterationEndUnit(env: UnitEnv): Promise<UnitEvents> {
  const { state } = env;
  const scratch = scratchOf(state);
  const events: UnitEvents = [];
  if (state.val.length > 0 && state.valScore?.revision !== state.revision) {
    const result = await evaluate(env, state.workflow, state.val, `${iterationKey(state)}/val`);
    state.valScore = { revision: state.revision, score: result.mean };
    events.push({
      type: 'validationScored',
      ...eventBase(state),
      reason: 'iterationEnd',
      score: result.mean,
      scores: result.scores,
    });
  }
  const valScore = state.valScore?.revision === state.revision ? state.valScore.score : undefined;
  const summary = {
    iteration: state.iteration,
    trainScore: scratch.trainScore,
    ...(valScore === undefined ? {} : { valScore }),
    acceptedNodes: [...scratch.accepted],
    prompts: promptsOf(state.workflow),
    totals: { ...state.totals },
  };
  state.history.push(summary);
  events.push({ type: 'iterationDone', ...eventBase(state), ...summary });
  if (state.settings.earlyStop && valScore !== undefined && valScore >= 1)
    return [...events, ...stopEvents(state, 'earlyStop')];
  if (state.iteration >= state.settings.iterations) return [...events, ...stopEvents(state, 'completed')];
  state.iteration += 1;
  const carried = carryPredictions(state);
  if (carried) return [...events, ...carried];
  state.scratch = null;
  state.phase = { kind: 'forward' };
  return events;
}
