import type { EditBudget } from '../../optim/update/claims';
import type { GtbpSchedule } from './settings';

/**
 * GTBP's decaying edit budget (our reading of the paper's summary; defaults in ./settings.ts):
 * n_t = max(0, m0 - floor((t - 1) / m-)) existing claims may change at iteration t (1-based), so the
 * budget stays at m0 for m- iterations and then shrinks by one every m- iterations until prompts
 * settle; one new claim may be added at iteration t when the node's last addition was at least m+
 * iterations earlier (or never).
 */
export function gtbpEditBudget(schedule: GtbpSchedule, iteration: number, lastAddIteration: number | null) {
  const maxEdits = Math.max(0, schedule.m0 - Math.floor((iteration - 1) / schedule.mMinus));
  const mayAdd = lastAddIteration === null || iteration - lastAddIteration >= schedule.mPlus;
  const budget: EditBudget = { maxEdits, mayAdd };
  return budget;
}
