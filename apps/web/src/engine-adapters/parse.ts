/**
 * ADAPTER: reading a workflow document from untrusted JSON through the engine's `parseWorkflow`
 * (migrations, forbidden keys, schema), reduced to what the studio shows: a workflow or a sentence.
 */
import type { Workflow } from '@backflow/engine';
import { parseWorkflow } from '@backflow/engine/graph/index.ts';

export type ParseResult = { ok: true; workflow: Workflow } | { ok: false; message: string };

/** Validates a parsed JSON value (or JSON text) as a workflow document. */
export function parseWorkflowValue(value: unknown): ParseResult {
  const r = parseWorkflow(value);
  if (r.ok) return { ok: true, workflow: r.workflow };
  const first = r.problems.slice(0, 3).map((p) => p.message);
  return { ok: false, message: `Not a valid Backflow workflow: ${first.join(' ')}` };
}
