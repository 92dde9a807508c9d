import type { BackwardNodeArgs } from '../../backward/rule';
import type { BackwardSignal } from '../../backward/types';

/**
 * GTBP's no-reconciliation ablation (`ablations.gtbpNoReconcile`): instead of one
 * `gtbp.reconcile` call merging several successors' differing targets for one example, the node
 * keeps every successor's target, listed with where it came from, as its one target. GTBP then
 * inverts the module towards all of them at once, and its update sees them all. A node with one
 * successor (or agreeing targets) is unchanged.
 */
export function keepEveryTarget(input: BackwardNodeArgs): BackwardNodeArgs {
  const byExample = new Map<string, BackwardSignal[]>();
  for (const s of input.received) byExample.set(s.exampleId, [...(byExample.get(s.exampleId) ?? []), s]);
  const received: BackwardSignal[] = [];
  for (const signals of byExample.values()) {
    // Listed by source id: the same text whatever order the successors delivered in.
    const ordered = [...signals].sort((x, y) => x.fromNodeId.localeCompare(y.fromNodeId));
    const targets = ordered.map((s) => ({ from: s.fromNodeId, target: s.suggestedValue ?? s.text }));
    const distinct = new Set(targets.map((t) => t.target.trim()));
    if (distinct.size <= 1) {
      received.push(...signals);
      continue;
    }
    const text = targets.map((t) => `Target from ${t.from}:\n${t.target}`).join('\n\n');
    received.push({
      ...signals[0]!,
      text,
      suggestedValue: text,
      asksForChange: signals.some((s) => s.asksForChange),
    });
  }
  return { ...input, received };
}
