import { type NodeBlame, type NodeBlameSummary, type SessionEvent, summarizeBlame } from '@backflow/engine';
import { eventsOfType } from './events';

/** One iteration's blame per node (the engine's raw counts beside the share). */
export interface IterationBlame {
  iteration: number;
  blame: Record<string, NodeBlame>;
}

/** Blame per iteration, in iteration order (the last `blameComputed` of an iteration wins). */
export function blameByIteration(events: readonly SessionEvent[]): IterationBlame[] {
  const byIteration = new Map<number, Record<string, NodeBlame>>();
  for (const e of eventsOfType(events, 'blameComputed')) byIteration.set(e.iteration, e.blame);
  return [...byIteration.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([iteration, blame]) => ({ iteration, blame }));
}

/** Per-node blame over the run's blame passes, highest mean first (the engine's summary). */
export function blameSummary(events: readonly SessionEvent[]): NodeBlameSummary[] {
  return summarizeBlame(blameByIteration(events).map((b) => b.blame));
}
