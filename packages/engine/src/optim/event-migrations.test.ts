import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EventVersionError, migrateSessionEvent, SESSION_EVENT_VERSION } from './event-migrations';

// Stored by the studio of the main branch of 2026-12-07 (before events had a version): one GTBP
// iteration in step mode on the simulator's chain3 fixture, with decisions. Never regenerated.
const STORED = join(import.meta.dirname, 'fixtures', 'events-2026-12-07.json');
const stored = () => JSON.parse(readFileSync(STORED, 'utf8')) as unknown[];

describe('stored session events across versions', () => {
  it('reads every event stored before events had a version', () => {
    const raw = stored();
    const events = raw.map((event) => migrateSessionEvent(event, undefined));
    expect(events).toEqual(raw);
    const types = new Set(events.map((e) => e.type));
    for (const type of ['validationScored', 'backwardNode', 'updateDecided', 'gateDecided', 'runDone'])
      expect(types).toContain(type);
    // Today's events read as they are, and the argument is never changed.
    expect(events.map((e) => migrateSessionEvent(e, SESSION_EVENT_VERSION))).toEqual(raw);
  });

  it('refuses an event from a newer Backflow, and anything that is not a session event', () => {
    const [first] = stored();
    expect(() => migrateSessionEvent(first, SESSION_EVENT_VERSION + 1)).toThrow(EventVersionError);
    expect(() => migrateSessionEvent(first, SESSION_EVENT_VERSION + 1)).toThrow(/newer Backflow/);
    expect(() => migrateSessionEvent({ type: 'nodeExploded' }, 1)).toThrow(/Not a Backflow session event/);
    expect(() => migrateSessionEvent('progress', undefined)).toThrow(EventVersionError);
    expect(() => migrateSessionEvent(first, -1)).toThrow(/whole number/);
  });
});
