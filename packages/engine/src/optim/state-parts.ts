/**
 * A session checkpoint in two parts, so that what a host writes after every unit does not grow
 * with the data: the part that never changes during a run (the training and validation examples
 * and the workflow it started from) is written once, and the rest (settings, current workflow,
 * phase, scratch of the iteration, journal, history, totals) after every unit. Joining the two
 * gives back the whole {@link SessionState}, which `Session.fromState` resumes.
 */
import { stableHash } from '../providers/hash';
import type { SessionState } from './state';

/** The part of a session that a run never changes; written once. */
export type SessionData = Pick<SessionState, 'initialWorkflow' | 'train' | 'val'> & {
  /** A hash of the rest of this object: the progress names the data it belongs with. */
  hash: string;
};

/** Everything else: what changes from unit to unit, with the hash of its data. */
export type SessionProgress = Omit<SessionState, 'initialWorkflow' | 'train' | 'val'> & { dataHash: string };

/**
 * Splits a whole state into the data (write once) and the progress (write per unit). Pass the
 * hash of a split already written (`data.hash`) to skip hashing the examples again: per unit, the
 * cost then does not depend on the data's size.
 */
export function splitSessionState(
  state: SessionState,
  knownHash?: string,
): { data: SessionData; progress: SessionProgress } {
  const { initialWorkflow, train, val, ...rest } = state;
  const hash = knownHash ?? stableHash({ initialWorkflow, train, val });
  return { data: { hash, initialWorkflow, train, val }, progress: { ...rest, dataHash: hash } };
}

/**
 * Joins the two parts again. Throws when the progress was written for other data (a data file
 * replaced or mixed up between runs), since resuming it would silently train on the wrong examples.
 */
export function joinSessionState(data: SessionData, progress: SessionProgress): SessionState {
  if (progress.dataHash !== data.hash) {
    throw new Error(
      'The checkpoint belongs to other data than the data file beside it (their hashes differ).',
    );
  }
  const { dataHash: _, ...rest } = progress;
  return { ...rest, initialWorkflow: data.initialWorkflow, train: data.train, val: data.val };
}
