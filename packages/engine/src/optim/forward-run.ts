import type { RunContext } from '../context';
import type { Example } from '../datasets/types';
import type { RunForwardArgs } from '../forward/run';
import type { Workflow } from '../graph/schema';
import type { ForwardResultEvent } from '../protocol';
import type { PriceTable } from '../providers/accounting';
import { defaultParts } from './default-parts';
import { emptyTotals, journaledContext } from './journal';
import type { EngineParts } from './parts';
import { resolveSettings } from './settings';
import { scoreAll } from './units/evaluate';

/** Options of {@link forwardRun}. */
export interface ForwardRunOptions extends Pick<RunForwardArgs, 'stream' | 'onEvent'> {
  parts?: EngineParts;
  /** How the calls are priced (e.g. a Batch API's half prices); the default table otherwise. */
  prices?: PriceTable;
}

/**
 * The `startForward` command: run a workflow on some examples and score it, with call totals,
 * as one `forwardResult` event. No optimization state is kept.
 */
export async function forwardRun(
  ctx: RunContext,
  runId: string,
  workflow: Workflow,
  examples: Example[],
  options: ForwardRunOptions = {},
): Promise<ForwardResultEvent> {
  const parts = options.parts ?? defaultParts(resolveSettings({ algorithm: 'sembp' }));
  const store = { journal: {}, totals: emptyTotals() };
  const journaled = journaledContext(ctx, store, { prices: options.prices });
  const prefix = `run/${runId}`;
  const traces = await parts.runForward(journaled, {
    workflow,
    examples,
    callKeyPrefix: prefix,
    ...(options.stream ? { stream: true } : {}),
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
  });
  const scores = await scoreAll(journaled, parts, workflow, examples, traces, `${prefix}/loss`);
  return { type: 'forwardResult', runId, traces, scores, totals: store.totals };
}
