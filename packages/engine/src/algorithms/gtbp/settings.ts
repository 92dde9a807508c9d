import * as z from 'zod';
import type { AlgorithmSettingsPart } from '../definition';

/**
 * GTBP's edit budget schedule (`SessionSettings.gtbp`). At iteration t (1-based) at most
 * n_t = max(0, m0 - floor((t - 1) / mMinus)) existing claims may change, and one new claim may be
 * added when no claim was added to that node in the previous mPlus - 1 iterations.
 */
export const gtbpScheduleSchema = z
  .object({
    m0: z.number().int().min(0).max(100),
    mPlus: z.number().int().min(1).max(1000),
    mMinus: z.number().int().min(1).max(1000),
  })
  .strict();

export type GtbpSchedule = z.infer<typeof gtbpScheduleSchema>;

/**
 * GTBP's settings: the edit budget schedule (the paper's m0 = 3, m+ = 1, m- = 2), a caller may
 * pass any of its three numbers; its ablations drop the reconciliation of successors' targets
 * (`gtbpNoReconcile`) and the schedule (`gtbpNoBudget`: every claim may change, one added, at
 * every step).
 */
export const gtbpSettings = {
  shape: { gtbp: gtbpScheduleSchema },
  input: { gtbp: gtbpScheduleSchema.partial().optional() },
  defaults: { gtbp: { m0: 3, mPlus: 1, mMinus: 2 } },
  ablations: { gtbpNoReconcile: z.boolean().default(false), gtbpNoBudget: z.boolean().default(false) },
} satisfies AlgorithmSettingsPart;
