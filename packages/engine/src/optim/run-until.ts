/**
 * The run policy every host shares: how far one `run` command goes. A host asks for "the next
 * unit", "the next backward node", "the end of the backward pass", "the end of the iteration" or
 * "the end"; the controller runs units until the rule is met, and always stops earlier for a
 * decision, an error (abort included) or the session's end (completed, early stop, budget).
 */
import type { RunStopReason, RunUntil, SessionEvent } from '../protocol';

/** The event that ends each `until`, after the unit that emitted it ('unit': any unit, 'end': none). */
const REACHED: Record<Exclude<RunUntil, 'unit' | 'end'>, SessionEvent['type']> = {
  node: 'backwardNode',
  pass: 'blameComputed',
  iteration: 'iterationDone',
};

/**
 * Why a run stops after a unit with `events` (null: it goes on). `done` is the session's state after
 * the unit. An error stops first (the unit will be retried), then the end, then a wait for
 * decisions, then the `until` rule.
 */
export function stopAfterUnit(
  until: RunUntil,
  events: readonly SessionEvent[],
  done: boolean,
): RunStopReason | null {
  if (events.some((e) => e.type === 'error')) return 'error';
  if (done || events.some((e) => e.type === 'runDone')) return 'done';
  if (events.some((e) => e.type === 'awaitingDecisions')) return 'decisions';
  if (until === 'unit') return 'until';
  if (until === 'end') return null;
  const type = REACHED[until];
  return events.some((e) => e.type === type) ? 'until' : null;
}

/**
 * Whether the units of a run may start calls of later units early (the lookahead): not while a
 * person steps through a pass to inspect each unit's calls under it.
 */
export function looksAhead(until: RunUntil): boolean {
  return until === 'iteration' || until === 'end';
}
