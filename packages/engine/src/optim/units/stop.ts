import { promptsOf } from '../gate';
import type { SessionState } from '../state';
import { eventBase, type UnitEvents } from './env';

/** Ends the session for `reason` and returns the closing event (the last iteration's scratch is kept). */
export function stopEvents(
  state: SessionState,
  reason: 'completed' | 'earlyStop' | 'budgetExhausted',
): UnitEvents {
  state.stopReason = reason;
  state.phase = { kind: 'done' };
  const valScore = state.valScore?.revision === state.revision ? state.valScore.score : undefined;
  return [
    {
      type: 'runDone',
      ...eventBase(state),
      reason,
      prompts: promptsOf(state.workflow),
      ...(valScore === undefined ? {} : { valScore }),
      totals: { ...state.totals },
    },
  ];
}
