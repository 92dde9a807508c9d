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
