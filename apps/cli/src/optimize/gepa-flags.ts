import type { SessionSettingsInput } from '@backflow/engine';
import { readChoice, readInt } from '../cli/args';
import { usageError } from '../cli/exit-codes';

/** GEPA's flags (`optimize --algorithm gepa`); `--batch-size` is its reflection minibatch. */
export const gepaSettingOptions = {
  merge: { type: 'string' },
  'max-merges': { type: 'string' },
  'max-candidates': { type: 'string' },
  'max-rollouts': { type: 'string' },
} as const;

/** The parsed values of {@link gepaSettingOptions}. */
export type GepaFlagValues = Partial<Record<keyof typeof gepaSettingOptions, string>>;

/**
 * Reads GEPA's flags into `settings.gepa`. They belong to GEPA only: given with another algorithm
 * they are a usage error rather than silently ignored.
 */
export function readGepaFlags(values: GepaFlagValues, settings: SessionSettingsInput): void {
  const given = Object.keys(gepaSettingOptions).filter(
    (k) => values[k as keyof GepaFlagValues] !== undefined,
  );
  if (given.length === 0) return;
  if (settings.algorithm !== 'gepa')
    throw usageError(`--${given[0]} is a GEPA setting; use it with --algorithm gepa.`);
  const gepa: NonNullable<SessionSettingsInput['gepa']> = { ...settings.gepa };
  const merge = readChoice('merge', values.merge, ['on', 'off'] as const);
  if (merge !== undefined) gepa.merge = merge === 'on';
  const maxMerges = readInt('max-merges', values['max-merges'], { min: 0, max: 1000 });
  if (maxMerges !== undefined) gepa.maxMerges = maxMerges;
  const maxCandidates = readInt('max-candidates', values['max-candidates'], { min: 2, max: 1000 });
  if (maxCandidates !== undefined) gepa.maxCandidates = maxCandidates;
  const maxRollouts = readInt('max-rollouts', values['max-rollouts'], { min: 1 });
  if (maxRollouts !== undefined) gepa.maxRollouts = maxRollouts;
  settings.gepa = gepa;
}
