/** One dataset example as every part of Backflow sees it. */
export interface Example {
  /** Unique within its dataset; stable across imports of the same file. */
  id: string;
  /** Named input fields, e.g. `{ question: "..." }`; input nodes expose them to the graph. */
  inputs: Record<string, string>;
  /** The expected final answer. */
  target: string;
  /** Extra expected values for workflows with several output nodes, keyed by `targetKey`. */
  targets?: Record<string, string>;
  /** Split label if the source file carried one (`train`, `val`, `test`). */
  split?: 'train' | 'val' | 'test';
}

/** A named list of examples plus where it came from. */
export interface Dataset {
  id: string;
  name: string;
  examples: Example[];
  /** Input field names every example has. */
  fields: string[];
  source?: { fileName: string; format: 'jsonl' | 'json' | 'csv' | 'tsv' };
}
