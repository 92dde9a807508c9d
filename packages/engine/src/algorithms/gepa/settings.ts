import * as z from 'zod';
import type { AlgorithmSettingsPart } from '../definition';

/**
 * GEPA's own settings (`SessionSettings.gepa`). The reflection minibatch is the session's
 * `batchSize`, the number of iterations its `iterations`, and the call/token/cost budget its
 * `budget`; these are the rest:
 * - `merge`: try system-aware merges (DSPy's GEPA default: on);
 * - `maxMerges`: merges attempted at most (the reference's `max_merge_invocations`, 5);
 * - `maxCandidates`: stop once the pool holds this many candidates;
 * - `maxRollouts`: stop once this many examples have been run and scored (GEPA's budget in metric
 *   calls); checked at the end of each iteration, so the last one may pass it.
 */
export const gepaSettingsSchema = z
  .object({
    merge: z.boolean(),
    maxMerges: z.number().int().min(0).max(1000),
    maxCandidates: z.number().int().min(2).max(1000),
    maxRollouts: z.number().int().positive().optional(),
  })
  .strict();

export type GepaSettings = z.infer<typeof gepaSettingsSchema>;

/** GEPA's defaults (DSPy's GEPA: merge on, 5 merges). */
export const GEPA_DEFAULTS: Readonly<GepaSettings> = { merge: true, maxMerges: 5, maxCandidates: 50 };

/** The GEPA settings of a session, absent fields filled with the defaults. */
export function gepaSettingsOf(settings: { gepa?: Partial<GepaSettings> | undefined }): GepaSettings {
  const out: GepaSettings = { ...GEPA_DEFAULTS };
  for (const [key, value] of Object.entries(settings.gepa ?? {}))
    if (value !== undefined) (out as Record<string, unknown>)[key] = value;
  return out;
}

/**
 * GEPA's part of the session settings: the `gepa` block, present only when GEPA runs (its
 * definition's `defaults.gepa`), taken partially from a caller; no ablations.
 */
export const gepaSettingsPart = {
  shape: { gepa: gepaSettingsSchema.optional() },
  input: { gepa: gepaSettingsSchema.partial().optional() },
  defaults: {},
  ablations: {},
} satisfies AlgorithmSettingsPart;
