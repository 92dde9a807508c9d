/**
 * Stored session events are a format too: the studio keeps every event of a run (and shows, exports
 * and resumes from them), so an event written by an earlier Backflow must keep reading. Each event
 * is stored with {@link SESSION_EVENT_VERSION}; a change to an event's shape bumps it and adds one
 * step here that lifts an event of the previous version to the next. Events stored before the
 * version existed count as version 0. An event from a NEWER Backflow is refused with a sentence
 * that says so, rather than misread.
 */
import type { SessionEvent } from '../protocol';
import { isPlainObject } from '../util/objects';
import { applyMigrations, type Migration } from './migrate';

/** The version events are stored with today. */
export const SESSION_EVENT_VERSION = 1;

/**
 * Every event type a session emits (an unknown one is refused, not shown half-read). A record, so
 * that a new event type does not compile until it is listed here.
 */
const EVENT_TYPES: Record<SessionEvent['type'], true> = {
  progress: true,
  validationScored: true,
  forwardDone: true,
  lossComputed: true,
  backwardSeeded: true,
  backwardNode: true,
  blameComputed: true,
  updateProposed: true,
  updateFailed: true,
  awaitingDecisions: true,
  updateDecided: true,
  gateDecided: true,
  iterationDone: true,
  budgetExhausted: true,
  runDone: true,
  error: true,
  gepaSelected: true,
  gepaCandidate: true,
};

const MIGRATIONS: Record<number, Migration> = {
  /**
   * Version 0: events stored without a version (up to 2026-12-07). They have version 1's shape:
   * the fields added before then are optional and read as absent (`blameComputed.evidence`,
   * `updateProposed.counterfactual`, `updateDecided.reason`), so the step changes nothing.
   */
  0: (event) => event,
};

/** Why a stored event cannot be read, in a sentence a person can act on. */
export class EventVersionError extends Error {
  override name = 'EventVersionError';
}

/**
 * Lifts a stored event of format `version` (absent: stored before events had one) to today's.
 * Throws {@link EventVersionError} for a version newer than this build reads, for a gap no
 * migration covers, and for anything that is not a session event. The argument is not changed.
 */
export function migrateSessionEvent(raw: unknown, version: number | undefined): SessionEvent {
  const from = version ?? 0;
  if (!Number.isInteger(from) || from < 0) {
    throw new EventVersionError(`A stored event's version is not a whole number: ${String(version)}.`);
  }
  if (from > SESSION_EVENT_VERSION) {
    throw new EventVersionError(
      `This run's events were written by a newer Backflow (event format ${from}; this one reads up to ${SESSION_EVENT_VERSION}). Update Backflow to open it.`,
    );
  }
  if (!isPlainObject(raw) || typeof raw.type !== 'string' || !Object.hasOwn(EVENT_TYPES, raw.type)) {
    throw new EventVersionError(
      `Not a Backflow session event (type ${isPlainObject(raw) ? JSON.stringify(raw.type) : typeof raw}).`,
    );
  }
  const event = applyMigrations(
    raw,
    from,
    SESSION_EVENT_VERSION,
    MIGRATIONS,
    (v) => new EventVersionError(`No migration from event version ${v} to ${v + 1}.`),
  );
  return event as unknown as SessionEvent;
}
