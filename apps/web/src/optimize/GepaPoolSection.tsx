/** The candidate pool of a GEPA run (live or stored), from the run's events; nothing for other runs. */
import { useMemo } from 'react';
import { GepaCandidates, gepaPool } from '../run-views';
import { useOptimize } from './context';

export function GepaPoolSection() {
  const events = useOptimize((s) => s.events);
  const pool = useMemo(() => gepaPool(events), [events]);
  return pool ? <GepaCandidates pool={pool} /> : null;
}
