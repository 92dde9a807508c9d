import type { NodeBlame } from '../backward/blame';

/** Per-node blame over the whole run, as both reports and the run summary show it. */
export interface NodeBlameSummary {
  nodeId: string;
  /** Mean blame figure over the iterations that computed blame, [0, 1]. */
  mean: number;
  max: number;
  /** The first iteration's figure (what the culprit hunt looks at). */
  first: number;
  /** Iterations in which the node had the highest blame (ties count for each). */
  timesHighest: number;
  /** Raw counts summed over iterations (see {@link NodeBlame}). */
  changed: number;
  own: number;
  total: number;
  iterations: number;
}

/**
 * Summarises each node's blame over the run's iterations (one record per iteration, in order),
 * highest mean first; ties go to the node with more `own` discrepancies (it passed nothing
 * upstream: the fault is its own, not its inputs').
 */
export function summarizeBlame(
  perIteration: readonly Readonly<Record<string, NodeBlame>>[],
): NodeBlameSummary[] {
  const rows = new Map<string, NodeBlameSummary>();
  for (const blame of perIteration) {
    const top = Math.max(0, ...Object.values(blame).map((b) => b.blame));
    for (const [nodeId, b] of Object.entries(blame)) {
      const row = rows.get(nodeId) ?? {
        nodeId,
        mean: 0,
        max: 0,
        first: b.blame,
        timesHighest: 0,
        changed: 0,
        own: 0,
        total: 0,
        iterations: 0,
      };
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
