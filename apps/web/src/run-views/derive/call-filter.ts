import type { CallPurpose, CallRecord } from '@backflow/engine';

/** What the call log shows: by node, purpose and outcome. Absent fields do not filter. */
export interface CallFilter {
  nodeId?: string;
  purpose?: CallPurpose;
  outcome?: 'error' | 'ok';
}

/** The calls that pass `filter`, in their original order. One pass: fine for 10,000+ rows. */
export function filterCalls(calls: readonly CallRecord[], filter: CallFilter): CallRecord[] {
  if (!filter.nodeId && !filter.purpose && !filter.outcome) return calls as CallRecord[];
  return calls.filter(
    (c) =>
      (filter.nodeId === undefined || c.nodeId === filter.nodeId) &&
      (filter.purpose === undefined || c.purpose === filter.purpose) &&
      (filter.outcome === undefined || (filter.outcome === 'error') === (c.error !== undefined)),
  );
}

/** The distinct node ids and purposes present, sorted, for the filter pickers. */
export function callFacets(calls: readonly CallRecord[]): { nodeIds: string[]; purposes: CallPurpose[] } {
  const nodes = new Set<string>();
  const purposes = new Set<CallPurpose>();
  for (const c of calls) {
    if (c.nodeId) nodes.add(c.nodeId);
    purposes.add(c.purpose);
  }
  return { nodeIds: [...nodes].sort(), purposes: [...purposes].sort() };
}
