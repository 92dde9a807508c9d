/**
 * Session checkpoints are a stored format: a checkpoint written by an earlier Backflow must keep
 * resuming after an upgrade. Each format change bumps {@link SESSION_STATE_VERSION} and adds one
 * step here that lifts a state of the previous version to the next; loading applies every step
 * from the stored version up. A checkpoint from a NEWER Backflow is refused with a sentence that
 * says so, rather than misread.
 */
import { isPlainObject } from '../util/objects';
import { applyMigrations, type Migration } from './migrate';
import type { SessionState } from './state';

/** The version `Session` writes today. */
export const SESSION_STATE_VERSION = 3;

/**
 * Steps by the version they lift from. Each keeps a stored run doing what it did when it was
 * started: a resumed run must reach the result an uninterrupted one would have reached.
 */
const MIGRATIONS: Record<number, Migration> = {
  /**
   * Version 2 (2026-12-07) added settings whose defaults changed behaviour: weighed backward steps
   * (`backwardMode`), TextGrad seeing sibling inputs (masking became an ablation) and the
   * counterfactual check. A version-1 run had the papers' faithful steps, masked TextGrad inputs
   * and no check, so those are written into its settings.
   */
  1: (state) => {
    const settings = (state.settings ?? {}) as Record<string, unknown>;
    const ablations = (settings.ablations ?? {}) as Record<string, unknown>;
    return {
      ...state,
      version: 2,
      settings: {
        ...settings,
        backwardMode: settings.backwardMode ?? 'faithful',
        counterfactual: settings.counterfactual ?? 'off',
        ablations: {
          ...ablations,
          textgradMaskSiblings: ablations.textgradMaskSiblings ?? settings.algorithm === 'textgrad',
        },
      },
    };
  },
  /**
   * Version 3 (2026-12-07) added GEPA: an optional `gepa` field and a `gepa` phase. A version-2
   * state ran a backward method, so it has neither and reads unchanged.
   */
  2: (state) => ({ ...state, version: 3 }),
};

/** Why a checkpoint cannot be loaded, in a sentence a person can act on. */
export class CheckpointVersionError extends Error {
  override name = 'CheckpointVersionError';
}

/**
 * Checks that `raw` is a Backflow session checkpoint and lifts it to today's version.
 * Throws {@link CheckpointVersionError} for anything else, for a version newer than this build
 * reads, and for a gap no migration covers. The argument is not changed.
 */
export function migrateSessionState(raw: unknown): SessionState {
  if (!isPlainObject(raw) || raw.format !== 'backflow.session') {
    throw new CheckpointVersionError(
      'Not a Backflow session checkpoint (expected format "backflow.session").',
    );
  }
  const version = raw.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new CheckpointVersionError(
      `The checkpoint's version is not a positive whole number: ${String(version)}.`,
    );
  }
  if (version > SESSION_STATE_VERSION) {
    throw new CheckpointVersionError(
      `This checkpoint was written by a newer Backflow (format version ${version}; this one reads up to ${SESSION_STATE_VERSION}). Update Backflow to resume it.`,
    );
  }
  const state = applyMigrations(
    raw,
    version,
    SESSION_STATE_VERSION,
    MIGRATIONS,
    (v) => new CheckpointVersionError(`No migration from checkpoint version ${v} to ${v + 1}.`),
  );
  return state as unknown as SessionState;
}
