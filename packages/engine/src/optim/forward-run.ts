import type { RunContext } from '../context';
import type { Example } from '../datasets/types';
import type { Workflow } from '../graph/schema';
import type { ForwardResultEvent } from '../protocol';
import { defaultParts } from './default-parts';
import { emptyTotals, type JournalOptions, journaledContext } from './journal';
import type { EngineParts } from './parts';
import { resolveSettings } from './settings';
import { evaluate } from './units/evaluate';

/**
 * The `startForward` command: run a workflow on some examples and score it, with call totals,
 * as one `forwardResult` event. No optimization state is kept. `journal` prices the calls
 * (e.g. the Batch API's half prices).
 */
export async function forwardRun(
  ctx: RunContext,
  runId: string,
  workflow: Workflow,
  examples: Example[],
  parts: EngineParts = defaultParts(resolveSettings({ algorithm: 'sembp' })),
  journal: JournalOptions = {},
): Promise<ForwardResultEvent> {
  const store = { journal: {}, totals: emptyTotals() };
  const result = await evaluate(
    journaledContext(ctx, store, journal),
    parts,
    workflow,
    examples,
    `run/${runId}`,
  );
  return { type: 'forwardResult', runId, traces: result.traces, scores: result.scores, totals: store.totals };
}
