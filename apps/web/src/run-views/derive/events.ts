/**
 * Small, shared readers over a run's `SessionEvent[]` (in emission order). Every derivation in this
 * folder is a pure function of the events (and the call records), so a view can be rebuilt from
 * IndexedDB after a reload exactly as it looked live.
 */
import type { SessionEvent } from '@backflow/engine';

/** The events of one type, narrowed. */
export function eventsOfType<T extends SessionEvent['type']>(
  events: readonly SessionEvent[],
  type: T,
): Extract<SessionEvent, { type: T }>[] {
  return events.filter((e): e is Extract<SessionEvent, { type: T }> => e.type === type);
}

/** The highest iteration that has started (0 before the first), i.e. the one a live view follows. */
export function currentIteration(events: readonly SessionEvent[]): number {
  let max = 0;
  for (const e of events) if (e.iteration > max) max = e.iteration;
  return max;
}
