/**
 * Test support: runs a real optimization session on a simulator fixture and returns its events and
 * call records, exactly as the worker host would persist them. The caller reads the files (tests
 * use node:fs), so this module stays free of Node built-ins.
 */
import {
  type CallRecord,
  createProvider,
  type Decision,
  Session,
  type SessionEvent,
  type SessionSettingsInput,
  type Workflow,
} from '@backflow/engine';
import { createSimulatedModel } from '@backflow/sim';
import { parseExamples, parseWorkflow } from '@backflow/sim/testing';

/** A fixture directory's files, read by the caller. */
export interface FixtureFiles {
  workflow: string;
  train: string;
  val: string;
}

/** What a recorded run left behind. */
export interface RecordedRun {
  workflowBefore: Workflow;
  workflowAfter: Workflow;
  events: SessionEvent[];
  calls: CallRecord[];
  session: Session;
}

/**
 * Runs `settings` on the fixture to the end (or until `stopAfter` units). Calls are priced at a
 * made-up $1/$2 per million tokens so cost sums are non-zero; ids and clock are deterministic.
 */
export async function recordRun(
  files: FixtureFiles,
  settings: SessionSettingsInput,
  options: { stopAfter?: number; decide?: (nodeId: string, iteration: number) => Decision } = {},
): Promise<RecordedRun> {
  const calls: CallRecord[] = [];
  let id = 0;
  let clock = 1_000;
  const provider = (seed: number) =>
    createProvider({
      base: createSimulatedModel({ seed }),
      model: 'backflow-sim',
      retry: { maxAttempts: 1 },
      prices: { 'backflow-sim': { inputPerMTok: 1, outputPerMTok: 2 } },
      recorder: (r) => calls.push(r),
      newCallId: () => `c${++id}`,
      now: () => (clock += 5),
    });
  const workflowBefore = parseWorkflow(files.workflow);
  const session = Session.create(
    { forwardModel: provider(1), optimizerModel: provider(1) },
    { workflow: workflowBefore, train: parseExamples(files.train), val: parseExamples(files.val), settings },
  );
  const events: SessionEvent[] = [];
  for (let units = 0; !session.done && units < (options.stopAfter ?? 10_000); units++) {
    const step = await session.step();
    events.push(...step);
    const waiting = step.flatMap((e) => (e.type === 'awaitingDecisions' ? e.nodeIds : []));
    if (waiting.length === 0) continue;
    if (!options.decide) break;
    for (const nodeId of waiting)
      events.push(session.decide(nodeId, options.decide(nodeId, session.state.iteration)));
  }
  return { workflowBefore, workflowAfter: session.state.workflow, events, calls, session };
}
