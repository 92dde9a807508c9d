import type { NodeBlame, SessionEvent } from '@backflow/engine';
import { eventsOfType } from './events';

/** One iteration's blame per node (the engine's raw counts beside the share). */
export interface IterationBlame {
  iteration: number;
  blame: Record<string, NodeBlame>;
}

/** Per-node blame over the whole run, for reports and the run summary. */
export interface NodeBlameSummary {
  nodeId: string;
  /** Mean share over the iterations that computed blame, [0, 1]. */
  mean: number;
  max: number;
  /** The first iteration's share (what the culprit hunt looks at). */
  first: number;
  /** Iterations in which the node had the highest blame (ties count for each). */
  timesHighest: number;
  /** Raw counts summed over iterations. */
  changed: number;
  own: number;
  total: number;
  iterations: number;
}

/** Blame per iteration, in iteration order (the last `blameComputed` of an iteration wins). */
export function blameByIteration(events: readonly SessionEvent[]): IterationBlame[] {
  const byIteration = new Map<number, Record<string, NodeBlame>>();
  for (const e of eventsOfType(events, 'blameComputed')) byIteration.set(e.iteration, e.blame);
  return [...byIteration.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([iteration, blame]) => ({ iteration, blame }));
}

/** Blame of one node in one iteration, or undefined before the iteration's backward pass ended. */
export function blameOf(
  events: readonly SessionEvent[],
  nodeId: string,
  iteration: number,
): NodeBlame | undefined {
  return blameByIteration(events).find((b) => b.iteration === iteration)?.blame[nodeId];
}

/**
 * Summarises each node's blame over the run, highest mean first; ties go to the node with more
 * `own` discrepancies (it passed nothing upstream: the fault is its own, not its inputs').
 */
export function blameSummary(events: readonly SessionEvent[]): NodeBlameSummary[] {
  const rows = new Map<string, NodeBlameSummary>();
  const perIteration = blameByIteration(events);
  for (const { blame } of perIteration) {
    const top = Math.max(0, ...Object.values(blame).map((b) => b.blame));
    for (const [nodeId, b] of Object.entries(blame)) {
      const row =
        rows.get(nodeId) ??
        ({
          nodeId,
          mean: 0,
          max: 0,
          first: b.blame,
          timesHighest: 0,
          changed: 0,
          own: 0,
          total: 0,
          iterations: 0,
        } as NodeBlameSummary);
      row.mean += b.blame;
      row.max = Math.max(row.max, b.blame);
      if (top > 0 && b.blame === top) row.timesHighest++;
      row.changed += b.changed;
      row.own += b.own;
      row.total += b.total;
      row.iterations++;
      rows.set(nodeId, row);
    }
  }
  return [...rows.values()]
    .map((r) => ({ ...r, mean: r.iterations === 0 ? 0 : r.mean / r.iterations }))
    .sort((a, b) => b.mean - a.mean || b.own - a.own || a.nodeId.localeCompare(b.nodeId));
}
