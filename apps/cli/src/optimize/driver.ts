import type { CallTotals } from '@backflow/engine/optim/journal.ts';
import type { Session } from '@backflow/engine/optim/session.ts';
import { addAnswerTallies, emptyAnswerTally } from '@backflow/engine/prompts/answer-tally.ts';
import type { SessionEvent } from '@backflow/engine/protocol.ts';
import { foldReportEvent } from '@backflow/engine/report/fold.ts';
import type { CliIo } from '../cli/io';
import type { Progress } from '../cli/progress';
import type { CallStats, ModelSetup } from '../providers/build-models';
import type { CallLog } from '../report/call-log';
import { type CliCheckpoint, type CliCounters, saveCheckpoint } from '../report/checkpoint';

/** How a drive ended. */
export type DriveOutcome =
  | { kind: 'done' }
  | { kind: 'interrupted' }
  | { kind: 'providerFailure'; message: string }
  | { kind: 'failed'; message: string };

/** What {@link driveSession} works with. */
export interface DriveArgs {
  session: Session;
  /** The checkpoint as loaded or created; its collector and counters are updated in place. */
  checkpoint: CliCheckpoint;
  dir: string;
  models: ModelSetup;
  /** The run's calls.jsonl, flushed before each save so the checkpoint records its length. */
  callLog?: CallLog;
  io: CliIo;
  signal: AbortSignal;
  progress: Progress;
  /** Counters of earlier processes (zero for a fresh run). */
  base: CliCounters;
  processStartedAt: number;
}

/** Earlier processes' counters plus this process's call statistics and wall time. */
export function cumulativeCounters(base: CliCounters, stats: CallStats, wallMsHere: number): CliCounters {
  const counters: CliCounters = {
    calls: base.calls + stats.calls,
    cachedCalls: base.cachedCalls + stats.cachedCalls,
    failedCalls: base.failedCalls + stats.failedCalls,
    inputTokens: base.inputTokens + stats.inputTokens,
    cachedInputTokens: (base.cachedInputTokens ?? 0) + (stats.cachedInputTokens ?? 0),
    outputTokens: base.outputTokens + stats.outputTokens,
    costUsd: base.costUsd + stats.costUsd,
    wallMs: base.wallMs + wallMsHere,
    resumes: base.resumes,
  };
  const firstFailure = base.firstFailure ?? stats.firstFailure;
  if (firstFailure !== undefined) counters.firstFailure = firstFailure;
  if (base.answers || stats.answers) {
    counters.answers = addAnswerTallies(
      base.answers ?? emptyAnswerTally(),
      stats.answers ?? emptyAnswerTally(),
    );
  }
  return counters;
}

function asTotals(counters: CliCounters): CallTotals {
  const { calls, inputTokens, outputTokens, costUsd } = counters;
  return { calls, inputTokens, outputTokens, costUsd };
}

function describeUnit(event: Extract<SessionEvent, { type: 'progress' }>): string {
  return event.iteration === 0 ? event.unit : `iteration ${event.iteration} · ${event.unit}`;
}

/**
 * Steps the session to its end, folding every event into the report's collector and saving the
 * checkpoint (atomically) after every unit, so a kill at any moment loses at most the unit in
 * flight. SIGINT/SIGTERM abort the unit in flight; its settled calls are kept in the saved
 * journal, so `--resume` does not pay for them twice.
 *
 * A unit during which a model call failed after its retries is NOT checkpointed: the last good
 * checkpoint stays, and `--resume` redoes that unit instead of carrying its failed answers on.
 */
export async function driveSession(args: DriveArgs): Promise<DriveOutcome> {
  const { session, checkpoint, dir, models, io, signal, progress, base } = args;
  const counters = () => cumulativeCounters(base, models.stats, io.now() - args.processStartedAt);
  const save = async () => {
    if (args.callLog) {
      await args.callLog.flush();
      checkpoint.callLogBytes = args.callLog.size();
    }
    checkpoint.counters = counters();
    checkpoint.savedAt = new Date(io.now()).toISOString();
    await saveCheckpoint(dir, checkpoint);
  };

  while (!session.done) {
    if (signal.aborted) {
      await save();
      return { kind: 'interrupted' };
    }
    const failedBefore = models.stats.failedCalls;
    const events = await session.step();
    const error = events.find((e) => e.type === 'error');
    if (error?.type === 'error') {
      // The session left its state as before the unit (plus the journal of settled calls).
      await save();
      if (error.aborted || signal.aborted) return { kind: 'interrupted' };
      if (models.stats.failedCalls > failedBefore) return { kind: 'providerFailure', message: error.message };
      return { kind: 'failed', message: `${error.unit}: ${error.message}` };
    }
    if (models.stats.failedCalls > failedBefore) {
      return { kind: 'providerFailure', message: models.stats.firstFailure ?? 'a model call failed' };
    }
    if (events.some((e) => e.type === 'awaitingDecisions')) {
      return {
        kind: 'failed',
        message: 'the session waits for decisions, which the command line does not take',
      };
    }
    const totals = asTotals(counters());
    for (const event of events) {
      foldReportEvent(checkpoint.collector, event, totals);
      if (event.type === 'progress') {
        progress.setTotal(event.totalUnitsEstimate);
        progress.update(event.unitIndex + 1, describeUnit(event));
      }
    }
    checkpoint.session = session.state;
    await save();
  }
  return { kind: 'done' };
}
