/**
 * Session checkpoints are a stored format: a checkpoint written by an earlier Backflow must keep
 * resuming after an upgrade. Each format change bumps {@link SESSION_STATE_VERSION} and adds one
 * step here that lifts a state of the previous version to the next; loading applies every step
 * from the stored version up. A checkpoint from a NEWER Backflow is refused with a sentence that
 * says so, rather than misread.
 */
import type { SessionState } from './state';

/** The version `Session` writes today. */
export const SESSION_STATE_VERSION = 1;

/** One migration: lifts a state of version `from` to version `from + 1`. */
type Migration = (state: Record<string, unknown>) => Record<string, unknown>;

/**
 * Steps by the version they lift from. Version 1 is the first stored format, so there is no step
 * yet; the next format change adds `1: (s) => ({ ...s, version: 2, ... })`.
 */
const MIGRATIONS: Record<number, Migration> = {};

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
  if (!isObject(raw) || raw.format !== 'backflow.session') {
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
  let state: Record<string, unknown> = raw;
  for (let v = version; v < SESSION_STATE_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) throw new CheckpointVersionError(`No migration from checkpoint version ${v} to ${v + 1}.`);
    state = step(state);
  }
  return state as unknown as SessionState;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
